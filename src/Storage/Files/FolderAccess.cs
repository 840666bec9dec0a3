using System.Runtime.InteropServices;

namespace VecStore.Storage.Files;

/// <summary>Whether this process may create files in a folder, asked without creating one.</summary>
/// <remarks>
/// A read-only connection must leave a folder it cannot write as it found it, and cannot learn
/// that by trying. <c>access(W_OK | X_OK)</c> answers for permission bits and for read-only
/// mounts (EROFS) alike; root passes the bits but not a read-only mount, which is what matters.
/// </remarks>
internal static partial class FolderAccess
{
    private const int WriteAndSearch = 2 | 1; // W_OK | X_OK

    /// <summary>True when new files can be made in <paramref name="folder"/> (assumed true where the question cannot be asked).</summary>
    public static bool CanCreateFiles(string folder)
        => !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) || Access(folder, WriteAndSearch) == 0;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
