using Microsoft.Win32.SafeHandles;
using VecStore.Storage.Files;

namespace VecStore.Storage.Pages;

/// <summary>The <c>name.vdb-lock</c> file: POSIX record locks on its bytes let processes sharing a database coordinate.</summary>
/// <remarks>
/// <para>
/// Record locks belong to a process (<see cref="RecordLocks"/>): closing any handle of the file in
/// the process drops all its locks on it, which is why the lock file is its own file, opened once
/// per process and database (<see cref="DatabaseRegistry"/>), and nothing else opens it while it is
/// attached. Only Linux is supported; elsewhere a writing process keeps the vector file to itself
/// instead (<see cref="VectorFile"/>).
/// </para>
/// <para>
/// The file exists only while some process has the database open. Whoever opens it creates it
/// when it is missing (<see cref="Attach"/>); the last process to close removes it
/// (<see cref="Detach"/>). Unlinking a lock file is only safe with both halves of this protocol:
/// the closer unlinks only while it holds <see cref="OpenByte"/> exclusively, which no other
/// process can while it has the database open; and an opener, once its shared lock on
/// <see cref="OpenByte"/> is granted, checks that the file it locked is still the one at the path
/// (<see cref="FileIdentity"/>). An opener that raced with the unlink (it opened the old file, then
/// waited while the closer held the lock) finds its file gone and starts again with the new one,
/// so two processes never lock different files under one name.
/// </para>
/// </remarks>
internal sealed class LockFile : IDisposable
{
    /// <summary>Shared while a process reads pages (any open snapshot); exclusive while a checkpoint changes them.</summary>
    public const long PagesByte = 0;

    /// <summary>Shared for as long as a process has the database open: exclusive succeeds only for a process alone.</summary>
    public const long OpenByte = 1;

    /// <summary>Exclusive while a checkpoint waits for other processes' readers to finish: new readers wait behind it, so a steady stream of them cannot starve it.</summary>
    public const long PendingByte = 2;

    private readonly SafeFileHandle _handle;

    private LockFile(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>True where this class works; elsewhere databases are not shared between processes.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The lock file of a <c>.vdb</c> path.</summary>
    public static string PathOf(string dataSource) => dataSource + "-lock";

    /// <summary>
    /// Opens the lock file (creating it when it may) and takes this process's shared lock on
    /// <see cref="OpenByte"/>, held until <see cref="Detach"/>; null when a read-only process finds
    /// no lock file and cannot create one.
    /// </summary>
    /// <exception cref="VecStoreException">Busy when another process's momentary exclusive lock lasted past <paramref name="timeout"/>; CannotOpen when a writer cannot open the file.</exception>
    public static LockFile? Attach(string dataSource, bool readOnly, TimeSpan timeout, string displayName)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var file = Open(dataSource, readOnly);
            if (file is null)
                return null;
            BetweenOpenAndLockForTesting?.Invoke(file.Path);
            var left = deadline - DateTime.UtcNow;
            // Only another process's "am I alone?" probe, or a last closer removing the file, holds it exclusively, and briefly.
            if (!file.WaitShared(OpenByte, left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                file.Dispose();
                throw VecStoreException.Busy(displayName, new TimeoutException("another process kept the database's lock file busy"));
            }
            if (FileIdentity.IsAt(file._handle, file.Path))
                return file;
            // The last process to close removed this file while this one waited for its lock: take the new one.
            file.Dispose();
        }
    }

    /// <summary>Runs between opening the file and locking it in <see cref="Attach"/>: a test puts the last closer's unlink exactly there.</summary>
    internal static Action<string>? BetweenOpenAndLockForTesting { get; set; }

    /// <summary>Takes a shared lock on a byte without waiting; false when another process holds it exclusively.</summary>
    public bool TryShared(long at) => RecordLocks.TrySet(_handle, at, RecordLocks.Shared, Path);

    /// <summary>Takes (or converts to) an exclusive lock on a byte without waiting; false when another process holds any lock on it.</summary>
    public bool TryExclusive(long at) => RecordLocks.TrySet(_handle, at, RecordLocks.Exclusive, Path);

    /// <summary>Releases this process's lock on a byte.</summary>
    public void Release(long at) => RecordLocks.TrySet(_handle, at, RecordLocks.Unlocked, Path);

    /// <summary>True when another process holds a byte exclusively (this process's own locks never count); takes no lock.</summary>
    public bool HeldExclusivelyElsewhere(long at) => RecordLocks.HeldElsewhere(_handle, at, RecordLocks.Shared, Path);

    /// <summary>Waits until the shared lock is granted or <paramref name="timeout"/> passes.</summary>
    public bool WaitShared(long at, TimeSpan timeout) => Wait(at, RecordLocks.Shared, timeout);

    /// <summary>Waits, taking no lock, until no other process holds a byte exclusively; false after <paramref name="timeout"/>.</summary>
    public bool WaitUntilNotHeldElsewhere(long at, TimeSpan timeout)
        => !HeldExclusivelyElsewhere(at) || Poll(() => !HeldExclusivelyElsewhere(at), timeout);

    /// <summary>Waits until the exclusive lock is granted or <paramref name="timeout"/> passes.</summary>
    public bool WaitExclusive(long at, TimeSpan timeout) => Wait(at, RecordLocks.Exclusive, timeout);

    /// <summary>True when some process has the database at <paramref name="dataSource"/> open (holds the open byte of its lock file); this process must not have it open itself.</summary>
    public static bool InUse(string dataSource) => Supported && RecordLocks.AnyHeld(PathOf(dataSource), OpenByte);

    /// <summary>
    /// This process closes the database: when no other process has it open, runs
    /// <paramref name="whenLast"/> and removes the lock file, holding the open byte exclusively
    /// throughout (so no process can open the database meanwhile); then closes the file.
    /// </summary>
    /// <remarks>
    /// The shared lock is released before the exclusive one is tried: two processes closing at
    /// once would otherwise each see the other's shared lock and both leave the file behind. With
    /// the release first, whichever tries last finds no other lock.
    /// </remarks>
    public void Detach(Action? whenLast = null)
    {
        try
        {
            Release(PagesByte);
            Release(PendingByte);
            Release(OpenByte);
            if (TryExclusive(OpenByte) && FileIdentity.IsAt(_handle, Path))
            {
                whenLast?.Invoke();
                File.Delete(Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or VecStoreException)
        {
            // A lock file left behind is harmless: the next process to open the database uses it, and removes it when it closes last.
        }
        finally
        {
            _handle.Dispose();
        }
    }

    public void Dispose() => _handle.Dispose();

    private bool Wait(long at, short type, TimeSpan timeout)
        => RecordLocks.TrySet(_handle, at, type, Path) || Poll(() => RecordLocks.TrySet(_handle, at, type, Path), timeout);

    /// <summary>Tries <paramref name="attempt"/> after growing pauses (1 ms up to <paramref name="maxPauseMs"/>) until it succeeds or <paramref name="timeout"/> passes.</summary>
    /// <remarks>
    /// Polling rather than F_SETLKW: every wait must end at a timeout, and what it waits for (a
    /// checkpoint's page writes, a reader's statement) is short.
    /// </remarks>
    public static bool Poll(Func<bool> attempt, TimeSpan timeout, int maxPauseMs = 16)
    {
        var deadline = DateTime.UtcNow + timeout;
        int pause = 1;
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(pause);
            if (attempt())
                return true;
            pause = Math.Min(pause * 2, maxPauseMs);
        }
        return false;
    }

    // Opens (creating when it may) the lock file; null when it is missing and cannot be created
    // (a read-only folder, where no writer can work either).
    private static LockFile? Open(string dataSource, bool readOnly)
    {
        string path = PathOf(dataSource);
        try
        {
            var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return new LockFile(handle, path);
        }
        catch (Exception ex) when (readOnly && ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return new LockFile(handle, path);
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw VecStoreException.CannotOpen(dataSource, $"its lock file '{path}' cannot be opened: {ex.Message}", ex);
        }
    }
}
