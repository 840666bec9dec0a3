namespace VecStore.Storage.Backup;

/// <summary>Checks a file path a user typed (BACKUP TO, RESTORE FROM, the shell's .import) and turns every problem into its own clear error.</summary>
/// <remarks>
/// A path is a plain file-system path: no URI scheme, no SQLite <c>file:</c> URI and no
/// <c>:memory:</c> is interpreted (<c>file:x</c> is a file named so in the current folder), and
/// callers hand SQLite only the absolute path returned here, which SQLite cannot take for a URI.
/// </remarks>
public static class PlainFilePath
{
    /// <summary>The absolute path of a file to create; refuses an empty path, a folder, an existing file, a missing folder.</summary>
    /// <param name="what">The operation, for messages ("BACKUP").</param>
    public static string ForNewFile(string path, string what)
    {
        string full = Absolute(path);
        if (Directory.Exists(full))
            throw VecStoreException.InvalidPath(path, "names a folder; give the name of a file to create");
        if (File.Exists(full))
            throw VecStoreException.FileAlreadyExists(path, what);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw MissingFolder(path, folder);
        return full;
    }

    /// <summary>The absolute path of an existing file to read; refuses an empty path, a folder, a missing file.</summary>
    public static string ForExistingFile(string path)
    {
        string full = Absolute(path);
        if (Directory.Exists(full))
            throw VecStoreException.InvalidPath(path, "names a folder, not a file");
        if (!File.Exists(full))
        {
            string? folder = Path.GetDirectoryName(full);
            if (folder is not null && !Directory.Exists(folder))
                throw MissingFolder(path, folder);
            throw VecStoreException.FileNotFound(path, "no such file");
        }
        return full;
    }

    /// <summary>The error for an exception the file system raised while <paramref name="what"/> on <paramref name="path"/>.</summary>
    public static VecStoreException Failure(string path, string what, Exception exception) => exception switch
    {
        VecStoreException known => known,
        UnauthorizedAccessException => VecStoreException.AccessDenied(path, what, exception),
        DirectoryNotFoundException or FileNotFoundException => VecStoreException.FileNotFound(path, exception.Message),
        _ => VecStoreException.IoError(path, what, exception),
    };

    private static string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw VecStoreException.InvalidPath(path, "is empty; give a file name");
        if (path.Contains('\0'))
            throw VecStoreException.InvalidPath(path, "contains a NUL character");
        if (string.IsNullOrWhiteSpace(path))
            throw VecStoreException.InvalidPath(path, "is only spaces; give a file name");
        if (path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
            throw VecStoreException.InvalidPath(path, "ends with a folder separator; give the name of a file");
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw VecStoreException.InvalidPath(path, "is not a valid path: " + ex.Message);
        }
    }

    // "/etc/hostname/x": a part of the path is a file, which is not the same mistake as a missing folder.
    private static VecStoreException MissingFolder(string path, string folder)
    {
        for (string? up = folder; up is not null; up = Path.GetDirectoryName(up))
        {
            if (File.Exists(up))
                return VecStoreException.InvalidPath(path, $"goes through '{up}', which is a file, not a folder");
            if (Directory.Exists(up))
                break;
        }
        return VecStoreException.FileNotFound(path, $"the folder '{folder}' does not exist");
    }
}
