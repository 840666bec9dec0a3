using System.Text;

namespace VecStore.Storage.Metadata;

/// <summary>SQLite URI filenames, for the options only a URI can give.</summary>
internal static class SqliteUri
{
    /// <summary>The file at <paramref name="fullPath"/>, read as immutable (no locks, no <c>-wal</c> or <c>-shm</c> made); every byte of the path outside letters, digits and <c>/._~-</c> is percent-encoded, so nothing in it reads as a URI parameter.</summary>
    public static string Immutable(string fullPath) => "file:" + Escape(fullPath) + "?immutable=1";

    private static string Escape(string fullPath)
    {
        string path = fullPath.Replace('\\', '/');
        if (!path.StartsWith('/'))
            path = "/" + path;
        var text = new StringBuilder(path.Length + 16);
        foreach (byte b in Encoding.UTF8.GetBytes(path))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'/' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'-')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
