using System.Diagnostics;
using System.Globalization;
using VecStore.Storage.Files;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>Reserving space gives a sparse file real blocks, grows it, and never changes a byte it holds; both through posix_fallocate and through the zero-writing fallback.</summary>
public sealed class SpaceReservationTests
{
    private const long MiB = 1 << 20;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reserving_fills_the_holes_of_a_sparse_file_and_keeps_its_bytes(bool fallback)
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var dir = new TempDirectory();
        string path = dir.File("sparse");
        var data = new byte[4096];
        new Random(3).NextBytes(data);
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            RandomAccess.Write(handle, data, 0);
            RandomAccess.Write(handle, data, 3 * MiB);
            // Holes from 4 KiB to 3 MiB, and past the end up to 8 MiB once reserved.
            Assert.True(AllocatedBytes(path) < 2 * MiB, "the file system made no hole to fill");
            if (fallback)
                SpaceReservation.FillWithZeros(handle, 0, 8 * MiB);
            else
                SpaceReservation.Reserve(handle, 0, 8 * MiB);
            Assert.Equal(8 * MiB, RandomAccess.GetLength(handle));
            var back = new byte[4096];
            RandomAccess.Read(handle, back, 0);
            Assert.Equal(data, back);
            RandomAccess.Read(handle, back, 3 * MiB);
            Assert.Equal(data, back);
            RandomAccess.Read(handle, back, 2 * MiB);
            Assert.All(back, b => Assert.Equal(0, b));
        }
        Assert.True(AllocatedBytes(path) >= 8 * MiB, $"only {AllocatedBytes(path):N0} bytes have blocks");
    }

    // Blocks the file system gave the file (stat's %b, in 512-byte units).
    private static long AllocatedBytes(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%b", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var stat = Process.Start(start)!;
        string blocks = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return long.Parse(blocks, CultureInfo.InvariantCulture) * 512;
    }
}
