using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Files;

/// <summary>The mark a read-only process leaves on the vector file when it reads without the lock file, so that no writer opens the database meanwhile.</summary>
/// <remarks>
/// A read-only connection in a folder it cannot write (read-only media, no write permission) can
/// create neither the lock file nor SQLite's <c>-wal</c> and <c>-shm</c>, so it reads the SQLite
/// file as immutable and takes no part in the lock-file protocol. That is only right while no
/// process writes: such a reader holds a shared record lock on <see cref="MarkByte"/> of the
/// vector file (a byte far past any page; the file is never that long) through the vector file's
/// own handle, and a process opening the database for writing refuses while any process holds it.
/// The order makes the two meet: the reader marks first and then checks that no process has the
/// database open; a writer takes its lock-file lock first and then checks for marks. Whichever
/// comes second sees the other.
/// </remarks>
internal static class DetachedReaders
{
    /// <summary>The byte of the vector file detached readers lock: 2^62, past any page a vector file can have.</summary>
    public const long MarkByte = 1L << 62;

    /// <summary>Marks the vector file through its handle (the one the database keeps open): held until that handle closes.</summary>
    public static void Mark(SafeFileHandle vectorFile, string path)
    {
        if (!RecordLocks.TrySet(vectorFile, MarkByte, RecordLocks.Shared, path))
            throw new VecStoreException(ErrorCode.IoError, $"cannot mark '{path}' as read by a process without a lock file");
    }

    /// <summary>Removes this process's mark (it joined the lock-file protocol after all).</summary>
    public static void Unmark(SafeFileHandle vectorFile, string path) => RecordLocks.TrySet(vectorFile, MarkByte, RecordLocks.Unlocked, path);

    /// <summary>True when a process other than this one reads the database at the vector file <paramref name="vectorPath"/> detached.</summary>
    public static bool Present(string vectorPath) => RecordLocks.AnyHeld(vectorPath, MarkByte);
}
