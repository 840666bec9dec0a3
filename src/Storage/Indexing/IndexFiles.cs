using System.Globalization;

namespace VecStore.Storage.Indexing;

/// <summary>Where vector index files live: <c>name.vdb-index-&lt;index id&gt;</c>, named from the id so that no user text becomes a path.</summary>
internal static class IndexFiles
{
    public static string PathOf(string dataSource, long indexId)
        => dataSource + "-index-" + indexId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Deletes index files of indexes the catalog no longer has (a crash between DROP and the delete leaves them).</summary>
    public static void DeleteOrphans(string dataSource, IReadOnlySet<long> indexIds)
    {
        string full = Path.GetFullPath(dataSource);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            return;
        string prefix = Path.GetFileName(full) + "-index-";
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            string suffix = Path.GetFileName(file)[prefix.Length..];
            if (suffix.EndsWith(".tmp", StringComparison.Ordinal))
                Delete(file);
            else if (long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && !indexIds.Contains(id))
                Delete(file);
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process may hold it; the next open deletes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
