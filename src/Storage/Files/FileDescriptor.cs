using Microsoft.Win32.SafeHandles;

namespace VecStore.Storage.Files;

/// <summary>The POSIX descriptor behind a handle, for the calls .NET does not make (fallocate, statx, fcntl, flock).</summary>
internal static class FileDescriptor
{
    /// <summary>Runs <paramref name="call"/> with the handle's descriptor, which cannot be closed meanwhile.</summary>
    public static T Use<T>(SafeFileHandle handle, Func<int, T> call)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }
}
