using System.Buffers.Binary;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary><c>vecstore bench --plot</c>: a PNG of the requested pixel size.</summary>
public sealed class BenchPlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Plot_writes_a_png_of_the_requested_size()
    {
        using var folder = new TempDirectory();
        string plot = folder.File("curve.png"), reference = folder.File("ref.jsonl");
        File.WriteAllText(reference,
            "{\"library\": \"faiss\", \"index\": \"IndexHNSWFlat\", \"mode\": \"single\", \"threads\": 1, \"qps\": 5000, \"recall_at_10\": 0.9, \"dataset\": \"synth:n=2000,d=16,metric=l2,seed=7,nq=60,clusters=45\"}\n"
            + "{\"library\": \"faiss\", \"index\": \"IndexHNSWFlat\", \"mode\": \"single\", \"threads\": 1, \"qps\": 3000, \"recall_at_10\": 0.99, \"dataset\": \"synth:n=2000,d=16,metric=l2,seed=7,nq=60,clusters=45\"}\n");

        var (exitCode, output, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset,
            "--compare", reference, "--plot", plot, "--plot-size", "640x480");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"Plot written to {plot} (640x480).", output, StringComparison.Ordinal);
        byte[] png = File.ReadAllBytes(plot);
        // The IHDR chunk comes first: length (4 bytes), "IHDR", then width and height, big-endian.
        Assert.Equal((true, "IHDR", 640, 480),
            (png.AsSpan(0, 8).SequenceEqual(PngSignature), System.Text.Encoding.ASCII.GetString(png, 12, 4),
             BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public void Plot_into_a_missing_folder_is_an_error_before_measuring()
    {
        using var folder = new TempDirectory();
        string plot = Path.Combine(folder.Path, "no", "curve.png");

        var (exitCode, _, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--plot", plot);

        Assert.Equal((1, $"Error: --plot {plot}: the folder {Path.GetDirectoryName(plot)} does not exist\n"), (exitCode, Last(error)));
    }

    private static string Last(string error) => error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1] + "\n";
}
