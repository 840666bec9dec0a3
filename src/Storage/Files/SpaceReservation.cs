using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Files;

/// <summary>Gives a file real disk blocks before anything writes to them through a memory mapping.</summary>
/// <remarks>
/// A store through a mapping into a hole of a sparse file allocates the block at that moment; on a
/// full disk the kernel has no way to report that but SIGBUS, which the runtime turns into a fatal
/// AccessViolationException. So every range a mapping may write is reserved first, here, where a
/// full disk is an ordinary <see cref="IOException"/>: <c>posix_fallocate</c> on Linux; where the
/// file system cannot allocate ahead (EOPNOTSUPP), or off Linux, zeros written through the handle
/// into the holes and past the end (<see cref="FillWithZeros"/>), which allocates them as well.
/// Bytes already in the file are never changed.
/// </remarks>
internal static partial class SpaceReservation
{
    private const int NoSpace = 28; // ENOSPC
    private const int NotSupported = 95; // EOPNOTSUPP
    private const int NoSuchCall = 38; // ENOSYS
    private const int SeekData = 3; // SEEK_DATA
    private const int SeekHole = 4; // SEEK_HOLE
    private const int ZeroChunk = 1 << 20;

    /// <summary>Makes sure the bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) have disk blocks, growing the file when it is shorter.</summary>
    /// <exception cref="IOException">The disk is full (or another I/O error); the file may have grown part of the way.</exception>
    public static void Reserve(SafeFileHandle file, long offset, long length)
    {
        if (length <= 0)
            return;
        if (OperatingSystem.IsLinux())
        {
            int error = Allocate(file, offset, length);
            if (error == 0)
                return;
            if (error is not (NotSupported or NoSuchCall))
                throw Failure(error);
        }
        FillWithZeros(file, offset, length);
    }

    /// <summary>The fallback: writes zeros into every hole of the range and past the end of the file.</summary>
    /// <remarks>Holes are found with SEEK_HOLE/SEEK_DATA; a file system without them reports none, and has no sparse files to fill.</remarks>
    internal static void FillWithZeros(SafeFileHandle file, long offset, long length)
    {
        long end = offset + length;
        long size = RandomAccess.GetLength(file);
        long position = offset;
        while (position < Math.Min(end, size))
        {
            long hole = Seek(file, position, SeekHole, size);
            if (hole >= Math.Min(end, size))
                break;
            long data = Seek(file, hole, SeekData, size);
            WriteZeros(file, hole, Math.Min(data, end));
            position = data;
        }
        if (end > size)
            WriteZeros(file, Math.Max(offset, size), end);
    }

    private static void WriteZeros(SafeFileHandle file, long from, long to)
    {
        var zeros = new byte[(int)Math.Min(ZeroChunk, to - from)];
        for (long at = from; at < to; at += zeros.Length)
            RandomAccess.Write(file, zeros.AsSpan(0, (int)Math.Min(zeros.Length, to - at)), at);
    }

    // lseek for SEEK_HOLE/SEEK_DATA. Where it fails (ENXIO: no data after a hole; EINVAL: the
    // file system does not know holes) or off Linux, the answer that ends the search: the end.
    private static long Seek(SafeFileHandle file, long from, int whence, long size)
    {
        if (!OperatingSystem.IsLinux())
            return size;
        long result = FileDescriptor.Use(file, fd => LSeek(fd, from, whence));
        return result >= 0 ? result : size;
    }

    // posix_fallocate returns the error number itself (it does not set errno).
    private static int Allocate(SafeFileHandle file, long offset, long length)
    {
        try
        {
            return FileDescriptor.Use(file, fd => PosixFallocate(fd, offset, length));
        }
        catch (EntryPointNotFoundException)
        {
            return NoSuchCall;
        }
    }

    private static IOException Failure(int error)
        => new(error == NoSpace ? "No space left on device" : Marshal.GetPInvokeErrorMessage(error));

    [LibraryImport("libc", EntryPoint = "posix_fallocate")]
    private static partial int PosixFallocate(int fd, long offset, long length);

    [LibraryImport("libc", EntryPoint = "lseek")]
    private static partial long LSeek(int fd, long offset, int whence);
}
