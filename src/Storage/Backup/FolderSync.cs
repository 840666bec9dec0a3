using System.Runtime.InteropServices;

namespace VecStore.Storage.Backup;

/// <summary>fsync of a folder, so that a rename or a new file in it survives power loss (POSIX needs it; .NET has no API for it).</summary>
internal static partial class FolderSync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>Flushes the folder holding <paramref name="path"/>; does nothing where folders cannot be opened (Windows, some file systems).</summary>
    public static void Flush(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !OperatingSystem.IsLinux())
            return;
        int fd = Open(folder, ReadOnlyDirectory);
        if (fd < 0)
            return;
        try
        {
            Fsync(fd);
        }
        finally
        {
            Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
