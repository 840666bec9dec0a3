using VecStore.Repl.Bench;

namespace VecStore.Repl.Tests.Bench;

/// <summary>The arithmetic of the protocol, against values worked out by hand and numpy's: recall@10, percentiles, best QPS at a recall.</summary>
public sealed class BenchMeasuresTests
{
    [Fact]
    public void Recall_counts_the_overlap_of_the_first_ten_as_sets()
    {
        var truth = new NeighborLists([.. Enumerable.Range(0, 12), .. Enumerable.Range(100, 12)], queries: 2, depth: 12);
        long[] allFound = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];           // order within the ten does not matter
        long[] sevenFound = [0, 1, 2, 3, 4, 5, 6, 10, 11, 999];      // 10 and 11 are true neighbours, but past the top ten

        double recall = RecallAt10.Compute([allFound, [100, 101, 102, 103, 104, 105, 106, 110, 111, 999]], truth);

        Assert.Equal((1.0 + 0.7) / 2, recall, 12);
        Assert.Equal(0.7, RecallAt10.Compute([sevenFound], truth), 12);
    }

    [Fact]
    public void Recall_of_a_short_answer_counts_the_missing_rows_as_misses()
    {
        var truth = new NeighborLists([.. Enumerable.Range(0, 10)], queries: 1, depth: 10);

        Assert.Equal(0.3, RecallAt10.Compute([[0, 1, 2]], truth), 12);
    }

    [Fact]
    public void Percentile_interpolates_between_ranks_as_numpy_does()
    {
        // numpy.percentile([1, 2, ..., 100], 99) == 99.01; the inputs are seconds, the result milliseconds.
        var seconds = Enumerable.Range(1, 100).Select(i => i / 1000.0).ToList();

        Assert.Equal((99.01, 50.5), (Math.Round(LatencySummary.PercentileMs(seconds, 99), 6), Math.Round(LatencySummary.MeanMs(seconds), 6)));
    }

    [Fact]
    public void Best_qps_at_a_recall_is_the_fastest_point_at_or_above_it()
    {
        ResultPoint[] curve =
        [
            new("x", "hnsw", "single", 1, Qps: 9000, Recall: 0.85),
            new("x", "hnsw", "single", 1, Qps: 5000, Recall: 0.95),
            new("x", "hnsw", "single", 1, Qps: 6000, Recall: 0.90),
            new("x", "hnsw", "single", 1, Qps: 1000, Recall: 0.999),
        ];

        Assert.Equal(((double?)6000, (double?)5000, (double?)1000, (double?)null),
            (QpsComparison.BestAt(curve, 0.90), QpsComparison.BestAt(curve, 0.95), QpsComparison.BestAt(curve, 0.99), QpsComparison.BestAt(curve, 0.9995)));
    }

    [Theory]
    [InlineData("IndexFlatL2", "flat")]
    [InlineData("IndexFlatIP", "flat")]
    [InlineData("vec0 (brute force)", "flat")]
    [InlineData("IndexIVFFlat", "ivf")]
    [InlineData("IndexIVFPQ", "ivfpq")]
    [InlineData("IndexIVFPQ+IndexRefineFlat", "ivfpq")]
    [InlineData("IndexHNSWFlat", "hnsw")]
    [InlineData("HNSW(cosine)", "hnsw")]
    [InlineData("flat", "flat")]
    public void Reference_index_names_fall_into_their_family(string index, string family)
    {
        Assert.Equal(family, IndexFamily.Of(index));
    }
}
