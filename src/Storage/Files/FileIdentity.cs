using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Files;

/// <summary>Which file (device and inode) a path or an open handle refers to, so that a process can tell whether the file it locked is still the one at its name.</summary>
/// <remarks>
/// A file found by name, opened and then locked may have been unlinked (and another created in its
/// place) between the open and the lock; a lock on an unlinked file protects nothing. Comparing the
/// handle's identity with the path's after locking closes that gap. Read with <c>statx</c>, whose
/// layout is the same on every Linux architecture; elsewhere <see cref="Supported"/> is false.
/// </remarks>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH
    private const uint WantInode = 0x100; // STATX_INO
    private const int BufferSize = 256; // sizeof(struct statx)

    /// <summary>True where identities can be read (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileIdentity? Of(string path) => Read(CurrentFolder, path, 0);

    /// <summary>The identity of the file a handle has open.</summary>
    public static FileIdentity? Of(SafeFileHandle handle) => FileDescriptor.Use(handle, fd => Read(fd, "", EmptyPath));

    /// <summary>True when <paramref name="handle"/> has open the very file that is at <paramref name="path"/> now.</summary>
    public static bool IsAt(SafeFileHandle handle, string path)
    {
        if (!Supported)
            return true;
        var opened = Of(handle);
        return opened is not null && opened == Of(path);
    }

    private static unsafe FileIdentity? Read(int folder, string path, int flags)
    {
        byte* buffer = stackalloc byte[BufferSize];
        if (Statx(folder, path, flags, WantInode, buffer) != 0)
            return null;
        var bytes = new ReadOnlySpan<byte>(buffer, BufferSize);
        // stx_ino at 32; stx_dev_major and stx_dev_minor at 136 and 140.
        ulong device = ((ulong)MemoryMarshal.Read<uint>(bytes[136..]) << 32) | MemoryMarshal.Read<uint>(bytes[140..]);
        return new FileIdentity(device, MemoryMarshal.Read<ulong>(bytes[32..]));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folder, string path, int flags, uint mask, byte* buffer);
}
