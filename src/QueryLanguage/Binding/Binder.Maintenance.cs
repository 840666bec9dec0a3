using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Binding;

// BACKUP, RESTORE, VACUUM: statements about the database's files.
internal sealed partial class Binder
{
    /// <summary>True for the statements that run outside a statement scope, each managing its own snapshot or transaction.</summary>
    public static bool IsMaintenance(Statement statement) => statement is BackupStatement or RestoreStatement or VacuumStatement;

    private BoundBackup BindBackup(BackupStatement backup)
    {
        CheckPathText(backup.Path, backup.PathSpan);
        return new BoundBackup(backup.Path, backup.PathSpan, backup.Span);
    }

    private BoundRestore BindRestore(RestoreStatement restore)
    {
        CheckPathText(restore.Path, restore.PathSpan);
        return new BoundRestore(restore.Path, restore.PathSpan, restore.Span);
    }

    // What the text alone shows is wrong; the file system is asked when the statement runs.
    private void CheckPathText(string path, SourceSpan span)
    {
        if (path.Length == 0)
            Error(ErrorCode.InvalidPath, span, "the path is empty; give a file name");
        else if (path.Contains('\0'))
            Error(ErrorCode.InvalidPath, span, "the path contains a NUL character");
        else if (string.IsNullOrWhiteSpace(path))
            Error(ErrorCode.InvalidPath, span, "the path is only spaces; give a file name");
    }
}
