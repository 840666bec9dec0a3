using System.Globalization;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary><c>vecstore bench --joined</c>: the search through a join with a documents table beside the same filter on the single table.</summary>
public sealed class BenchJoinedTests
{
    [Fact]
    public void Joined_mode_reports_both_queries_for_each_filter_with_their_recall_and_the_latency_ratio()
    {
        using var folder = new TempDirectory();

        var (exitCode, output, error) = BenchInvocation.Run(["--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--index", "hnsw", "--joined", "--single-max-q", "20"]);

        Assert.True(exitCode == 0, error);
        var rows = output.Split('\n').Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Where(cells => cells.Length > 8 && cells[2] is "single table" or "joined").ToList();
        Assert.Equal(4, rows.Count);
        foreach (var cells in rows)
        {
            double recall = double.Parse(cells[4], CultureInfo.InvariantCulture);
            Assert.InRange(recall, 0.95, 1.0);
            if (cells[2] == "joined")
                Assert.EndsWith("x", cells[8]);
        }
    }
}
