using Microsoft.Data.Sqlite;
using VecStore.Storage.Backup;
using VecStore.Storage.Metadata;
using VecStore.Storage.Pages;

namespace VecStore.Storage;

// BACKUP TO and RESTORE FROM: one archive file holding the SQLite image and the vector file at one snapshot.
public sealed partial class Session
{
    private const string DatabaseEntry = "database";
    private const string VectorsEntry = "vectors";

    /// <summary>Writes a backup archive of the database as one snapshot sees it, while other connections go on writing.</summary>
    /// <remarks>
    /// A read transaction fixes the snapshot: SQLite's online backup copies the SQLite file as that
    /// transaction sees it, and the registered snapshot keeps checkpoints from moving pages past it.
    /// The vector pages are then copied under the shared page latch (no checkpoint changes a page
    /// mid-copy), each data page's checksum verified. Their header LSN is at most the snapshot's and
    /// at least where the image's log starts, so the pair replays to exactly the snapshot. Index
    /// files are not archived: they are rebuilt from the table when the restored database opens.
    /// The archive is written to a temporary name beside the target, synced, and renamed; what a
    /// killed BACKUP left in the folder is removed first, never what a running one writes.
    /// </remarks>
    public BackupSummary Backup(string path)
    {
        ThrowIfDisposed();
        ThrowIfBusy();
        if (_explicitTransaction)
            throw new VecStoreException(ErrorCode.TransactionAlreadyActive, "BACKUP cannot run inside a transaction: it reads its own snapshot; COMMIT or ROLLBACK first");
        string target = PlainFilePath.ForNewFile(path, "BACKUP");

        using var scope = BeginStatement(writes: false);
        long tables = _catalog.Tables.Count, rows = 0;
        foreach (var table in _catalog.Tables)
            rows += Count(table, null);
        // What killed backups left in this folder goes first; a running backup's files stay (BackupClaim).
        BackupClaim.SweepFolder(Path.GetDirectoryName(target)!);
        BackupClaim? claim = null;
        try
        {
            // The archive's file first: a folder that refuses new files fails here, as permission denied.
            claim = BackupClaim.Take(target, TimeSpan.FromSeconds(_database.Options.BusyTimeoutSeconds));
            using (var archive = ArchiveWriter.Create(claim.Archive))
            {
                _db.CopyTo(claim.ImagePath);
                archive.Add(DatabaseEntry, raw =>
                {
                    using var file = new FileStream(claim.ImagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                    file.CopyTo(raw);
                });
                _database.Latch.EnterShared();
                try
                {
                    archive.Add(VectorsEntry, CopyVectorPages);
                }
                finally
                {
                    _database.Latch.ExitShared();
                }
                archive.Finish(_snapshotLsn);
            }
            // Never over a file that appeared meanwhile: the move without overwrite fails instead.
            claim.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or VecStoreException)
        {
            if (ex is IOException && File.Exists(target))
                throw VecStoreException.FileAlreadyExists(path, "BACKUP");
            throw ex is SqliteException sqlite ? SqliteErrors.Translate(sqlite, DisplayName, "copying the database for BACKUP") : PlainFilePath.Failure(path, "writing the backup", ex);
        }
        finally
        {
            claim?.Dispose();
        }
        scope.Complete();
        return new BackupSummary(target, new FileInfo(target).Length, tables, rows, _snapshotLsn);
    }

    /// <summary>Replaces this empty database by the one in a backup archive.</summary>
    /// <remarks>
    /// Runs only on the one connection to a file database that has no tables (a new database),
    /// outside a transaction. The archive is verified whole (header, manifest, every checksum)
    /// and decompressed into a staged pair beside the database, which is opened read-only to be
    /// checked; only then does the restore commit (<see cref="RestoreJournal"/>): this connection
    /// closes the empty database, the staged files take its place, and the connection opens the
    /// restored one, rebuilding its vector indexes. A damaged archive changes nothing.
    /// </remarks>
    public RestoreSummary Restore(string path)
    {
        ThrowIfDisposed();
        ThrowIfBusy();
        if (_explicitTransaction)
            throw new VecStoreException(ErrorCode.TransactionAlreadyActive, "RESTORE cannot run inside a transaction; COMMIT or ROLLBACK first");
        if (IsReadOnly)
            throw VecStoreException.ReadOnlyDatabase(DisplayName);
        if (_database.Options.IsMemory)
            throw VecStoreException.RestoreTargetNotEmpty(DisplayName, "is in memory; RESTORE brings a backup back into a database file");
        string archivePath = PlainFilePath.ForExistingFile(path);
        if (_database.References > 1)
            throw VecStoreException.RestoreTargetNotEmpty(DisplayName, $"is open on {_database.References - 1} other connection(s); close them first");
        if (!_database.AloneAmongProcesses())
            throw VecStoreException.RestoreTargetNotEmpty(DisplayName, "is open in another process; close it there first");
        using (var scope = BeginStatement(writes: false))
        {
            if (_catalog.Tables.Count > 0)
                throw VecStoreException.RestoreTargetNotEmpty(DisplayName, $"holds {_catalog.Tables.Count} table(s); restore into a new file");
            scope.Complete();
        }

        string databasePath = Path.GetFullPath(_database.Options.DataSource);
        string staged = RestoreJournal.StagedPath(databasePath);
        long snapshotLsn;
        RestoreSummary checkedSummary;
        try
        {
            RestoreJournal.DeleteStaged(databasePath);
            using (var archive = ArchiveReader.Open(archivePath, path))
            {
                archive.Extract(archive.Entry(DatabaseEntry), staged);
                archive.Extract(archive.Entry(VectorsEntry), Database.VectorPath(staged));
                snapshotLsn = archive.SnapshotLsn;
            }
            checkedSummary = CheckStaged(staged, path, snapshotLsn);
            RestoreJournal.MarkReady(databasePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or VecStoreException)
        {
            RestoreJournal.DeleteStaged(databasePath);
            throw PlainFilePath.Failure(path, "restoring the backup", ex);
        }

        // The commit point has passed: from here a crash is finished by the next open.
        var options = _database.Options;
        CloseDatabase();
        try
        {
            RestoreJournal.Complete(databasePath);
            (_database, _db) = DatabaseRegistry.Acquire(options, DisplayNameOf(options), immutable => Connect(options, DisplayNameOf(options), immutable));
            _catalog = new Catalog.Catalog(-1, []);
            _catalogFresh = false;
            Recover();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            _disposed = true;
            throw VecStoreException.IoError(databasePath, "putting the restored database in place (the next open finishes it)", ex);
        }
        return checkedSummary with { Path = databasePath };
    }

    private static string DisplayNameOf(DatabaseOptions options) => options.IsMemory ? ":memory:" : options.DataSource;

    // Opens the staged pair read-only: a foreign or inconsistent archive fails here, before the commit point.
    private static RestoreSummary CheckStaged(string staged, string archiveName, long snapshotLsn)
    {
        try
        {
            using var check = Open(new DatabaseOptions { DataSource = staged, Mode = OpenMode.ReadOnly, SearchThreads = 1 });
            using var scope = check.BeginStatement(writes: false);
            // VecStore makes only tables and indexes; a trigger or view in an archive would run SQL nobody here wrote.
            if (Convert.ToInt64(check.Connection.Scalar("SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'view')", []), System.Globalization.CultureInfo.InvariantCulture) > 0)
                throw VecStoreException.CorruptArchive(archiveName, "its SQLite image holds triggers or views, which VecStore never creates");
            long rows = 0;
            foreach (var table in check.Catalog.Tables)
                rows += check.Count(table, null);
            scope.Complete();
            return new RestoreSummary(staged, check.Catalog.Tables.Count, rows, snapshotLsn);
        }
        catch (VecStoreException ex) when (ex.Code is not (ErrorCode.Busy or ErrorCode.IoError or ErrorCode.CorruptArchive))
        {
            throw VecStoreException.CorruptArchive(archiveName, "its files do not open as a VecStore database: " + ex.Reason);
        }
    }

    // This session lets go of the database without a checkpoint: the files are about to be replaced.
    private void CloseDatabase()
    {
        var database = _database;
        DatabaseRegistry.Release(database, _db, () => database.CloseIndexes(save: false));
    }

    // Copies the vector file page by page (the caller holds the shared latch), checking every data page.
    private void CopyVectorPages(Stream raw)
    {
        var file = _database.Vectors;
        long count = Math.Max(1, Math.Min(file.PageCount, _database.Pages.PageCount));
        for (long p = 0; p < count; p++)
        {
            var page = file.Page(p);
            if (p > 0 && PageHeader.HasMagic(page) && PageHeader.Kind(page) == PageHeader.KindVectors && !PageHeader.ChecksumMatches(page))
                throw VecStoreException.CorruptPage(file.DisplayName, p, "its checksum does not match its contents; BACKUP copies no damaged page");
            raw.Write(page);
        }
    }
}
