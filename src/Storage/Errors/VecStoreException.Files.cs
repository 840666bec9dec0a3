namespace VecStore;

// Factories for errors about files a statement names (BACKUP, RESTORE, the shell's .import) and
// about backup archives: one per error, so every path problem reads the same way.
public sealed partial class VecStoreException
{
    internal static VecStoreException InvalidPath(string path, string problem)
        => new(VecStore.ErrorCode.InvalidPath, $"the path '{Printable(path)}' {problem}");

    internal static VecStoreException FileNotFound(string path, string problem)
        => new(VecStore.ErrorCode.FileNotFound, $"'{Printable(path)}': {problem}");

    internal static VecStoreException FileAlreadyExists(string path, string what)
        => new(VecStore.ErrorCode.FileAlreadyExists, $"'{Printable(path)}' already exists; {what} never overwrites a file: choose a new name or delete it first");

    internal static VecStoreException BackupInProgress(string path)
        => new(VecStore.ErrorCode.FileAlreadyExists, $"'{Printable(path)}' is being written by another BACKUP right now; BACKUP never overwrites a file: choose another name");

    internal static VecStoreException AccessDenied(string path, string what, Exception inner)
        => new(VecStore.ErrorCode.AccessDenied, $"permission denied for '{Printable(path)}' while {what}", inner: inner);

    internal static VecStoreException CorruptArchive(string path, string problem)
        => new(VecStore.ErrorCode.CorruptArchive, $"the backup archive '{Printable(path)}' is damaged or not a VecStore backup: {problem}");

    internal static VecStoreException RestoreTargetNotEmpty(string database, string problem)
        => new(VecStore.ErrorCode.RestoreTargetNotEmpty, $"RESTORE needs a new, empty database, but '{database}' {problem}");

    // A path may hold control characters (a NUL among them): show them escaped, never raw.
    private static string Printable(string path)
    {
        foreach (char c in path)
        {
            if (char.IsControl(c))
            {
                var text = new System.Text.StringBuilder(path.Length + 8);
                foreach (char d in path)
                    text.Append(char.IsControl(d) ? $"\\u{(int)d:X4}" : d.ToString());
                return text.ToString();
            }
        }
        return path;
    }
}
