using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.Storage;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs BACKUP, RESTORE and VACUUM, each one row saying what it did.</summary>
/// <remarks>
/// They run outside a statement scope (like CHECKPOINT): BACKUP takes its own read snapshot,
/// RESTORE replaces the database under the connection, VACUUM commits and then rewrites files.
/// An error about the file a statement names points at its string literal.
/// </remarks>
internal static class MaintenanceExecutor
{
    private static readonly OutputColumn[] BackupColumns =
    [
        Column("archive", typeof(string), "TEXT"), Column("bytes", typeof(long), "INTEGER"),
        Column("tables", typeof(long), "INTEGER"), Column("rows", typeof(long), "INTEGER"), Column("snapshot_lsn", typeof(long), "INTEGER"),
    ];

    private static readonly OutputColumn[] RestoreColumns =
    [
        Column("database", typeof(string), "TEXT"), Column("tables", typeof(long), "INTEGER"),
        Column("rows", typeof(long), "INTEGER"), Column("snapshot_lsn", typeof(long), "INTEGER"),
    ];

    private static readonly OutputColumn[] VacuumColumns =
    [
        Column("vectors_moved", typeof(long), "INTEGER"), Column("vector_pages_before", typeof(long), "INTEGER"),
        Column("vector_pages_after", typeof(long), "INTEGER"), Column("bytes_before", typeof(long), "INTEGER"),
        Column("bytes_after", typeof(long), "INTEGER"), Column("indexes_compacted", typeof(long), "INTEGER"),
    ];

    public static StatementResult Run(Session session, BoundStatement statement, SourceText source)
    {
        switch (statement)
        {
            case BoundBackup backup:
            {
                var done = AtPath(() => session.Backup(backup.Path), source, backup.PathSpan);
                return Row(BackupColumns, done.Path, done.Bytes, done.Tables, done.Rows, done.SnapshotLsn);
            }
            case BoundRestore restore:
            {
                var done = AtPath(() => session.Restore(restore.Path), source, restore.PathSpan);
                return Row(RestoreColumns, done.Path, done.Tables, done.Rows, done.SnapshotLsn);
            }
            case BoundVacuum:
            {
                var done = session.Vacuum();
                return Row(VacuumColumns, done.VectorsMoved, done.PagesBefore, done.PagesAfter, done.BytesBefore, done.BytesAfter, (long)done.IndexesCompacted);
            }
            default:
                throw new InvalidOperationException("statement kind " + statement.GetType().Name + " is not a maintenance statement");
        }
    }

    // Errors about the named file (or the archive in it) point at the path's literal, not the whole statement.
    private static T AtPath<T>(Func<T> run, SourceText source, SourceSpan pathSpan)
    {
        try
        {
            return run();
        }
        catch (VecStoreException ex) when (ex.Location is null && ex.Code is ErrorCode.InvalidPath or ErrorCode.FileNotFound
            or ErrorCode.FileAlreadyExists or ErrorCode.AccessDenied or ErrorCode.CorruptArchive or ErrorCode.UnsupportedFormatVersion)
        {
            throw ex.At(source.GetLocation(pathSpan));
        }
    }

    private static StatementResult Row(OutputColumn[] columns, params object?[] values)
        => new(new MaterializedResultSet(columns, [values]), -1);

    private static OutputColumn Column(string name, Type type, string typeName) => new(name, type, typeName, null, null);
}
