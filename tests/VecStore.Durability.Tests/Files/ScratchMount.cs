using System.Diagnostics;
using VecStore.TestSupport;

namespace VecStore.Durability.Tests.Files;

/// <summary>A small file system of its own (a tmpfs, or ext4 in a loop file) mounted on a temporary folder, for tests that need a full disk or a read-only mount.</summary>
/// <remarks>
/// Mounting needs root on Linux (CI runs as root); <see cref="Create"/> skips the test, saying why,
/// where it is not permitted. Unmounted, and its folder deleted, on dispose.
/// </remarks>
internal sealed class ScratchMount : IDisposable
{
    private readonly TempDirectory _root;
    private bool _mounted;

    private ScratchMount(TempDirectory root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A tmpfs of <paramref name="megabytes"/> MiB.</summary>
    public static ScratchMount Tmpfs(int megabytes)
        => Create((mount, _) => Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", mount));

    /// <summary>An ext4 file system of <paramref name="megabytes"/> MiB in a loop file, with no blocks reserved for root (so root fills it like anyone).</summary>
    public static ScratchMount Ext4(int megabytes)
        => Create((mount, root) =>
        {
            string image = System.IO.Path.Combine(root, "ext4.img");
            using (var file = new FileStream(image, FileMode.CreateNew))
                file.SetLength(megabytes * 1024L * 1024);
            return Run("mkfs.ext4", "-q", "-F", "-m", "0", image) ?? Run("mount", "-o", "loop", image, mount);
        });

    /// <summary>Makes the file system read-only (<c>mount -o remount,ro</c>).</summary>
    public void RemountReadOnly() => Check(Run("mount", "-o", "remount,ro", Path));

    /// <summary>Makes it writable again.</summary>
    public void RemountWritable() => Check(Run("mount", "-o", "remount,rw", Path));

    /// <summary>Fills the file system with a file until no byte more fits, leaving <paramref name="leaveFree"/> bytes of it free; returns the file's path (delete it to free the space).</summary>
    public string Fill(long leaveFree = 0)
    {
        string filler = File("filler");
        using var handle = System.IO.File.OpenHandle(filler, FileMode.CreateNew, FileAccess.Write);
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        // Whole megabytes first, then ever smaller writes: a failed write keeps what fitted.
        long length = 0;
        for (int size = block.Length; size >= 512; size /= 2)
        {
            while (true)
            {
                try
                {
                    RandomAccess.Write(handle, block.AsSpan(0, size), length);
                    length += size;
                }
                catch (IOException)
                {
                    length = RandomAccess.GetLength(handle);
                    break;
                }
            }
        }
        RandomAccess.FlushToDisk(handle);
        if (leaveFree > 0)
            RandomAccess.SetLength(handle, Math.Max(0, length - leaveFree));
        return filler;
    }

    public void Dispose()
    {
        if (_mounted)
        {
            // Lazily when something still holds a file there; the folder then goes when that lets go.
            if (Run("umount", Path) is not null)
                Run("umount", "-l", Path);
        }
        _root.Dispose();
    }

    private static ScratchMount Create(Func<string, string, string?> mount)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mounting a scratch file system needs Linux");
        var root = new TempDirectory();
        string path = System.IO.Path.Combine(root.Path, "mnt");
        Directory.CreateDirectory(path);
        var scratch = new ScratchMount(root, path);
        string? problem = mount(path, root.Path);
        if (problem is not null)
        {
            scratch.Dispose();
            Skip.If(true, $"mounting a scratch file system is not permitted here ({problem.Trim()}); this test needs root on Linux, as in CI");
        }
        scratch._mounted = true;
        return scratch;
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
            throw new InvalidOperationException(problem);
    }

    // Runs a command; null when it succeeded, else what it printed (or why it could not start).
    private static string? Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode}: {output}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{command}: {ex.Message}";
        }
    }
}
