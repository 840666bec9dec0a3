using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary>The bench measures HALF and BIT columns and the L1, Hamming and Jaccard metrics through the engine.</summary>
public sealed class BenchElementTypeTests
{
    [Theory]
    [InlineData("--element half", "half", "l2", 0.95)]
    [InlineData("--element bit", "bit", "hamming", 1.0)]
    [InlineData("--element bit --metric jaccard", "bit", "jaccard", 1.0)]
    [InlineData("--metric l1", "float32", "l1", 1.0)]
    public void Element_types_and_metrics_are_measured_with_their_recall(string options, string element, string metric, double minimumRecall)
    {
        using var folder = new TempDirectory();
        string json = folder.File("out.jsonl");

        var (exitCode, _, error) = BenchInvocation.Run(["--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--json", json, .. options.Split(' ')]);

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(BenchInvocation.ReadJsonLines(json));
        Assert.Equal((element, metric), (line.GetProperty("element").GetString(), line.GetProperty("metric").GetString()));
        Assert.InRange(line.GetProperty("recall_at_10").GetDouble(), minimumRecall, 1.0);
    }
}
