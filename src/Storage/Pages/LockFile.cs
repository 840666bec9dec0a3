using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Pages;

/// <summary>The <c>name.vdb-lock</c> file: POSIX record locks on its bytes let processes sharing a database coordinate.</summary>
/// <remarks>
/// Record locks (fcntl) belong to a process, not to a handle: a process never conflicts with
/// itself, converting its own lock from shared to exclusive either succeeds whole or leaves the
/// old lock in place, and the kernel drops every lock of a process that dies, so a killed
/// process never leaves a database locked. The price is that closing any handle of the file in
/// the process drops all its locks on it, which is why the lock file is its own file, opened
/// once per process and database (<see cref="DatabaseRegistry"/>), and nothing else opens it.
/// Only Linux is supported (the struct layout and command numbers are Linux's); elsewhere a
/// writing process keeps the vector file to itself instead (<see cref="VectorFile"/>).
/// </remarks>
internal sealed class LockFile : IDisposable
{
    /// <summary>Shared while a process reads pages (any open snapshot); exclusive while a checkpoint changes them.</summary>
    public const long PagesByte = 0;

    /// <summary>Shared for as long as a process has the database open: exclusive succeeds only for a process alone.</summary>
    public const long OpenByte = 1;

    /// <summary>Exclusive while a checkpoint waits for other processes' readers to finish: new readers wait behind it, so a steady stream of them cannot starve it.</summary>
    public const long PendingByte = 2;

    private const int GetLock = 5; // F_GETLK
    private const int SetLock = 6; // F_SETLK
    private const short ReadLock = 0; // F_RDLCK
    private const short WriteLock = 1; // F_WRLCK
    private const short Unlock = 2; // F_UNLCK

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

    /// <summary>Opens (creating when it may) the lock file; null when it is missing and cannot be created (a read-only folder, where no writer can work either).</summary>
    public static LockFile? Open(string dataSource, bool readOnly)
    {
        string path = PathOf(dataSource);
        try
        {
            var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            return new LockFile(handle, path);
        }
        catch (Exception ex) when (readOnly && ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
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

    /// <summary>Takes a shared lock on a byte without waiting; false when another process holds it exclusively.</summary>
    public bool TryShared(long at) => TrySet(at, ReadLock);

    /// <summary>Takes (or converts to) an exclusive lock on a byte without waiting; false when another process holds any lock on it.</summary>
    public bool TryExclusive(long at) => TrySet(at, WriteLock);

    /// <summary>Releases this process's lock on a byte.</summary>
    public void Release(long at) => TrySet(at, Unlock);

    /// <summary>True when another process holds a byte exclusively (this process's own locks never count); takes no lock.</summary>
    public bool HeldExclusivelyElsewhere(long at)
    {
        var request = new FlockRequest { Type = ReadLock, Whence = 0, Start = at, Length = 1 };
        if (Call(GetLock, ref request) != 0)
            throw new VecStoreException(ErrorCode.IoError, $"querying the locks of '{Path}' failed (errno {Marshal.GetLastPInvokeError()})");
        return request.Type != Unlock;
    }

    /// <summary>Waits until the shared lock is granted or <paramref name="timeout"/> passes.</summary>
    public bool WaitShared(long at, TimeSpan timeout) => Wait(at, ReadLock, timeout);

    /// <summary>Waits, taking no lock, until no other process holds a byte exclusively; false after <paramref name="timeout"/>.</summary>
    public bool WaitUntilNotHeldElsewhere(long at, TimeSpan timeout)
        => !HeldExclusivelyElsewhere(at) || Poll(() => !HeldExclusivelyElsewhere(at), timeout);

    /// <summary>Waits until the exclusive lock is granted or <paramref name="timeout"/> passes.</summary>
    public bool WaitExclusive(long at, TimeSpan timeout) => Wait(at, WriteLock, timeout);

    public void Dispose() => _handle.Dispose();

    private bool Wait(long at, short type, TimeSpan timeout)
        => TrySet(at, type) || Poll(() => TrySet(at, type), timeout);

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

    private bool TrySet(long at, short type)
    {
        var request = new FlockRequest { Type = type, Whence = 0, Start = at, Length = 1 };
        if (Call(SetLock, ref request) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        // EAGAIN and EACCES mean another process holds a conflicting lock; EBADF, that a lock file
        // only this process's read-only open could read cannot take an exclusive lock (so it is not
        // granted); anything else is a real failure.
        if (errno is 11 or 13 || errno == 9 && type == WriteLock)
            return false;
        throw new VecStoreException(ErrorCode.IoError, $"locking '{Path}' failed (errno {errno})");
    }

    private int Call(int command, ref FlockRequest request)
    {
        bool added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            return Fcntl((int)_handle.DangerousGetHandle(), command, ref request);
        }
        finally
        {
            if (added)
                _handle.DangerousRelease();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FlockRequest
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, ref FlockRequest request);
}
