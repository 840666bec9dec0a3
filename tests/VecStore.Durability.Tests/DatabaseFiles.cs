using System.Diagnostics;

namespace VecStore.Durability.Tests;

/// <summary>Copies the files of a database (SQLite file, its WAL, vector file, index files) from one folder to another.</summary>
internal static class DatabaseFiles
{
    /// <summary>Copies a closed database; the shared-memory file is left out (SQLite makes it again).</summary>
    public static void Copy(string from, string to, bool skipVectors = false)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith("-shm", StringComparison.Ordinal) || (skipVectors && name.EndsWith("-vectors", StringComparison.Ordinal)))
                continue;
            File.Copy(file, Path.Combine(to, name), overwrite: true);
        }
    }

    /// <summary>Copies a database a connection holds open (no statement running): the state a crash at this moment leaves.</summary>
    /// <remarks>Copied with <c>cp</c>: the engine locks the vector file, and .NET's own file copy honours the lock.</remarks>
    public static void CopyOpen(string from, string to)
    {
        Directory.CreateDirectory(to);
        var start = new ProcessStartInfo("cp") { UseShellExecute = false };
        foreach (var file in Directory.GetFiles(from))
            if (!file.EndsWith("-shm", StringComparison.Ordinal))
                start.ArgumentList.Add(file);
        start.ArgumentList.Add(to);
        using var copy = Process.Start(start)!;
        copy.WaitForExit();
        Assert.Equal(0, copy.ExitCode);
    }
}
