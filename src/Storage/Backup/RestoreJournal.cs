using VecStore.Storage.Indexing;

namespace VecStore.Storage.Backup;

/// <summary>Puts a restored database in place of an empty one so that a crash at any point leaves either the old database or the whole restored one.</summary>
/// <remarks>
/// RESTORE decompresses the archive into a staged pair beside the database (<c>x.vdb.restoring</c>
/// and <c>x.vdb.restoring-vectors</c>), checks it, and only then creates the marker
/// <c>x.vdb.restoring-ready</c>: the restore's commit point. From then on <see cref="Complete"/>
/// (run by RESTORE itself, and by every open of the database, so a crash in between is finished by
/// the next open) deletes the old database's WAL, shared-memory and index files, renames the
/// staged files over the database's, and deletes the marker. Each step can be repeated. Without
/// the marker, staged files are leftovers of a restore that never committed and are deleted.
/// </remarks>
internal static class RestoreJournal
{
    public const string StagedSuffix = ".restoring";
    public const string ReadySuffix = ".restoring-ready";

    /// <summary>The staged SQLite file for the database at <paramref name="databasePath"/>; its vector file is beside it as usual.</summary>
    public static string StagedPath(string databasePath) => databasePath + StagedSuffix;

    /// <summary>Makes the staged pair the restore's outcome: writes and syncs the marker.</summary>
    public static void MarkReady(string databasePath)
    {
        using (var marker = new FileStream(databasePath + ReadySuffix, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            marker.Write("VecStore restore ready\n"u8);
            marker.Flush(flushToDisk: true);
        }
        SyncFolder(databasePath);
    }

    /// <summary>Finishes a committed restore, or removes the leftovers of one that never committed; nothing when there is neither.</summary>
    /// <returns>True when a committed restore was put in place.</returns>
    public static bool Complete(string databasePath)
    {
        string staged = StagedPath(databasePath);
        string stagedVectors = Database.VectorPath(staged);
        if (!File.Exists(databasePath + ReadySuffix))
        {
            if (File.Exists(staged) || File.Exists(stagedVectors))
                DeleteStaged(databasePath);
            return false;
        }
        // The old database's WAL must never be applied to the restored file, nor its index files loaded for it.
        foreach (var suffix in (ReadOnlySpan<string>)["-wal", "-shm", "-journal"])
            File.Delete(databasePath + suffix);
        IndexFiles.DeleteOrphans(databasePath, new HashSet<long>());
        if (File.Exists(stagedVectors))
            File.Move(stagedVectors, Database.VectorPath(databasePath), overwrite: true);
        if (File.Exists(staged))
            File.Move(staged, databasePath, overwrite: true);
        SyncFolder(databasePath);
        File.Delete(databasePath + ReadySuffix);
        SyncFolder(databasePath);
        return true;
    }

    /// <summary>Deletes the staged pair (a restore that failed before its commit point).</summary>
    public static void DeleteStaged(string databasePath)
    {
        string staged = StagedPath(databasePath);
        foreach (var path in (ReadOnlySpan<string>)[staged, Database.VectorPath(staged), staged + "-journal", staged + "-wal", staged + "-shm"])
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for the next restore or open to delete.
            }
        }
    }

    /// <summary>Makes renames and creations in the folder of <paramref name="path"/> durable.</summary>
    public static void SyncFolder(string path) => FolderSync.Flush(path);
}
