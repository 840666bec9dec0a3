using VecStore.Storage.Pages;

namespace VecStore.Storage.Files;

/// <summary>How this process joins the other processes that have one database open, and what it removes when it closes last.</summary>
/// <remarks>
/// <para>
/// A writer, and a reader in a folder it may write, attach to the lock file
/// (<see cref="LockFile.Attach"/>), creating it when it is missing; SQLite makes its <c>-wal</c>
/// and <c>-shm</c> as for any connection. The last process to close removes the lock file, and a
/// read-only process that is last removes the empty <c>-wal</c> and the <c>-shm</c> its own SQLite
/// connection made (SQLite leaves them: a read-only connection cannot checkpoint), so a read-only
/// open leaves the folder as it found it.
/// </para>
/// <para>
/// A reader in a folder it cannot write (read-only media, no permission) can create nothing.
/// When the database has no <c>-wal</c> (it was closed cleanly, so the SQLite file holds every
/// commit) and no process has it open, it reads the SQLite file as immutable (SQLite's
/// <c>immutable=1</c>: no locks, no <c>-wal</c>, no <c>-shm</c>) and marks the vector file
/// (<see cref="DetachedReaders"/>) so that no writer opens the database while it reads. When a
/// <c>-wal</c> is there (a writer has the database open, or died), SQLite reads it and its
/// <c>-shm</c> read-only, and the reader takes part through the existing lock file.
/// </para>
/// </remarks>
internal sealed class ProcessAttachment
{
    // SQLite's unix VFS holds a shared lock on this byte of the -shm file for as long as a connection maps it (UNIX_SHM_DMS).
    private const long SqliteSharedMemoryInUseByte = 128;

    private readonly string _dataSource;
    private readonly bool _readOnly;
    private readonly bool _walWasThere;
    private readonly bool _sharedMemoryWasThere;
    private FileStream? _vectors;

    private ProcessAttachment(string dataSource, bool readOnly, LockFile? lockFile, bool immutable, FileStream? vectors)
    {
        _dataSource = dataSource;
        _readOnly = readOnly;
        LockFile = lockFile;
        Immutable = immutable;
        _vectors = vectors;
        _walWasThere = File.Exists(dataSource + "-wal");
        _sharedMemoryWasThere = File.Exists(dataSource + "-shm");
    }

    /// <summary>The lock file this process holds its locks in, or null (no other process can write meanwhile, or processes do not share files here).</summary>
    public LockFile? LockFile { get; }

    /// <summary>SQLite reads the file with <c>immutable=1</c>: this process creates no file next to it.</summary>
    public bool Immutable { get; }

    /// <summary>Joins the processes that have the database at <paramref name="options"/>' path open.</summary>
    public static ProcessAttachment Attach(DatabaseOptions options, string displayName)
    {
        string path = options.DataSource;
        var timeout = TimeSpan.FromSeconds(options.BusyTimeoutSeconds);
        bool canCreate = FolderAccess.CanCreateFiles(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        if (!LockFile.Supported)
        {
            // A writing process keeps the vector file to itself here, so a reader that cannot make files can read the SQLite file as immutable.
            bool immutable = options.IsReadOnly && !canCreate && !File.Exists(path + "-wal");
            return new ProcessAttachment(path, options.IsReadOnly, null, immutable, null);
        }
        if (!options.IsReadOnly)
            return AttachWriter(path, timeout, displayName);
        if (canCreate)
            return new ProcessAttachment(path, readOnly: true, LockFile.Attach(path, readOnly: true, timeout, displayName), immutable: false, null);
        return AttachDetachedReader(path, timeout, displayName);
    }

    /// <summary>The vector file as the read-only process opened it while attaching (its handle holds the detached mark), for the database to keep; null when it did not.</summary>
    public FileStream? TakeVectorStream()
    {
        var stream = _vectors;
        _vectors = null;
        return stream;
    }

    /// <summary>
    /// Leaves the other processes; the last one to leave removes the lock file and, when read-only,
    /// the empty <c>-wal</c> and the <c>-shm</c> its SQLite connection made. Runs after this process
    /// closed its SQLite connections and its vector file.
    /// </summary>
    public void Detach()
    {
        _vectors?.Dispose();
        _vectors = null;
        LockFile?.Detach(_readOnly && !Immutable ? RemoveReaderSqliteFiles : null);
    }

    private static ProcessAttachment AttachWriter(string path, TimeSpan timeout, string displayName)
    {
        var lockFile = LockFile.Attach(path, readOnly: false, timeout, displayName)!;
        // After the lock-file lock, so that a detached reader that marks the file later sees this process (DetachedReaders).
        string vectors = Database.VectorPath(path);
        if (DetachedReaders.Present(vectors) && !LockFile.Poll(() => !DetachedReaders.Present(vectors), timeout, maxPauseMs: 50))
        {
            lockFile.Detach();
            throw VecStoreException.CannotOpen(displayName,
                "a read-only connection in another process reads it without a lock file (it cannot create files in this folder); it cannot be opened for writing until that connection closes");
        }
        return new ProcessAttachment(path, readOnly: false, lockFile, immutable: false, null);
    }

    private static ProcessAttachment AttachDetachedReader(string path, TimeSpan timeout, string displayName)
    {
        FileStream vectors;
        try
        {
            vectors = new FileStream(Database.VectorPath(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Opening the database reports the missing or unreadable vector file in its own words.
            return new ProcessAttachment(path, readOnly: true, LockFile.Attach(path, readOnly: true, timeout, displayName), immutable: false, null);
        }
        try
        {
            DetachedReaders.Mark(vectors.SafeFileHandle, Database.VectorPath(path));
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (File.Exists(path + "-wal"))
                {
                    // A writer has it open (or died): SQLite reads its -wal and -shm read-only, and
                    // this process joins through the lock file when there is one.
                    var left = deadline - DateTime.UtcNow;
                    var lockFile = LockFile.Attach(path, readOnly: true, left > TimeSpan.Zero ? left : TimeSpan.Zero, displayName);
                    if (lockFile is not null)
                        DetachedReaders.Unmark(vectors.SafeFileHandle, Database.VectorPath(path));
                    return new ProcessAttachment(path, readOnly: true, lockFile, immutable: false, vectors);
                }
                // Marked first, then no process found: a writer that comes later sees the mark and stays out.
                if (!LockFile.InUse(path))
                    return new ProcessAttachment(path, readOnly: true, null, immutable: true, vectors);
                // A process is opening it and has not made its -wal yet: wait for one or the other.
                if (DateTime.UtcNow > deadline)
                    throw VecStoreException.Busy(displayName, new TimeoutException("another process was opening the database"));
                Thread.Sleep(5);
            }
        }
        catch
        {
            vectors.Dispose();
            throw;
        }
    }

    // Under the lock file's exclusive lock: no VecStore process has the database open. Only the
    // files this process's read-only SQLite connection made go, only when no SQLite connection of
    // any process still maps the -shm, and the -wal only while empty (no writer ever wrote to it).
    private void RemoveReaderSqliteFiles()
    {
        string wal = _dataSource + "-wal", sharedMemory = _dataSource + "-shm";
        if (_walWasThere || (File.Exists(wal) && new FileInfo(wal).Length != 0))
            return;
        if (RecordLocks.AnyHeld(sharedMemory, SqliteSharedMemoryInUseByte))
            return;
        File.Delete(wal);
        if (!_sharedMemoryWasThere)
            File.Delete(sharedMemory);
    }
}
