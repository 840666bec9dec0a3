using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Files;

/// <summary>POSIX record locks (fcntl) on single bytes of a file: how processes sharing a database see each other.</summary>
/// <remarks>
/// Record locks belong to a process, not to a handle: a process never conflicts with itself,
/// converting its own lock either succeeds whole or leaves the old one in place, and the kernel
/// drops every lock of a process that dies. The price is that closing any handle of a file drops
/// all the process's locks on it, so a file whose locks matter is opened once per process.
/// Linux only (the struct layout and command numbers are Linux's).
/// </remarks>
internal static partial class RecordLocks
{
    public const short Shared = 0; // F_RDLCK
    public const short Exclusive = 1; // F_WRLCK
    public const short Unlocked = 2; // F_UNLCK

    private const int GetLock = 5; // F_GETLK
    private const int SetLock = 6; // F_SETLK

    /// <summary>Takes, converts or releases this process's lock on a byte without waiting; false when another process holds a conflicting one.</summary>
    public static bool TrySet(SafeFileHandle handle, long at, short type, string path)
    {
        var request = new FlockRequest { Type = type, Whence = 0, Start = at, Length = 1 };
        if (Call(handle, SetLock, ref request) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        // EAGAIN and EACCES mean another process holds a conflicting lock; EBADF, that a handle
        // opened read-only cannot take an exclusive lock (so it is not granted); anything else is
        // a real failure.
        if (errno is 11 or 13 || errno == 9 && type == Exclusive)
            return false;
        throw new VecStoreException(ErrorCode.IoError, $"locking '{path}' failed (errno {errno})");
    }

    /// <summary>True when another process holds a lock on a byte that conflicts with <paramref name="type"/> (this process's own never count); takes no lock.</summary>
    public static bool HeldElsewhere(SafeFileHandle handle, long at, short type, string path)
    {
        var request = new FlockRequest { Type = type, Whence = 0, Start = at, Length = 1 };
        if (Call(handle, GetLock, ref request) != 0)
            throw new VecStoreException(ErrorCode.IoError, $"querying the locks of '{path}' failed (errno {Marshal.GetLastPInvokeError()})");
        return request.Type != Unlocked;
    }

    /// <summary>True when some process holds any lock on byte <paramref name="at"/> of the file at <paramref name="path"/>; false when there is no such file.</summary>
    /// <remarks>Opens the file for the question, and closing it drops this process's own locks on it: only for files the process holds no lock on.</remarks>
    public static bool AnyHeld(string path, long at)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        using (handle)
            return HeldElsewhere(handle, at, Exclusive, path);
    }

    private static int Call(SafeFileHandle handle, int command, ref FlockRequest request)
    {
        var copy = request;
        int result = FileDescriptor.Use(handle, fd => Fcntl(fd, command, ref copy));
        request = copy;
        return result;
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
