using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;
using VecStore.Indexes.Ivf;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests;

/// <summary>Index builds report each stage with its total, and stop at the report after a cancel: k-means between iterations, the assignment between blocks, HNSW within a few thousand links.</summary>
public sealed class BuildProgressTests
{
    private const int Dimensions = 8;

    [Fact]
    public void An_IVF_build_reports_its_stages_in_order_each_up_to_its_total()
    {
        var reports = new List<BuildProgress>();
        using var index = new IvfIndex(VectorElement.Float32, Dimensions, Metric.L2, new IvfOptions { Lists = 8, MaxThreads = 1 });
        index.Build(Source(), new Recorder(reports.Add));

        Assert.Equal([BuildStage.Sampling, BuildStage.Clustering, BuildStage.Adding], reports.Select(r => r.Stage).Distinct());
        foreach (var stage in reports.GroupBy(r => r.Stage))
        {
            Assert.Equal(0, stage.First().Done);
            Assert.Equal(stage.First().Total, stage.Last().Done);
        }
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), reports.Where(r => r.Stage == BuildStage.Clustering).Select(r => r.Done));
    }

    [Theory]
    [InlineData(BuildStage.Clustering, 3)]
    [InlineData(BuildStage.Adding, 1)]
    public void A_cancel_stops_an_IVF_build_at_the_next_report(BuildStage stage, long atDone)
    {
        var reports = new List<BuildProgress>();
        using var cancel = new CancellationTokenSource();
        using var index = new IvfIndex(VectorElement.Float32, Dimensions, Metric.L2, new IvfOptions { Lists = 8, MaxThreads = 1 });

        Assert.ThrowsAny<OperationCanceledException>(() => index.Build(Source(), new Recorder(r =>
        {
            reports.Add(r);
            if (r.Stage == stage && r.Done == atDone)
                cancel.Cancel();
        }), cancel.Token));

        Assert.Equal(new BuildProgress(stage, atDone, reports[^1].Total), reports[^1]);
    }

    [Fact]
    public void A_cancel_stops_an_HNSW_build_at_the_next_report_and_drops_what_it_did_not_link()
    {
        var reports = new List<BuildProgress>();
        using var cancel = new CancellationTokenSource();
        using var index = new HnswIndex(VectorElement.Float32, Dimensions, Metric.L2, new HnswOptions { M = 4, EfConstruction = 8, MaxThreads = 1 });

        Assert.ThrowsAny<OperationCanceledException>(() => index.Build(Source(count: 10_000), new Recorder(r =>
        {
            reports.Add(r);
            if (r.Done == 1024)
                cancel.Cancel();
        }), cancel.Token));

        // Reports come every half percent, at least every 256 vectors: 256, 512, 768, 1024.
        Assert.Equal([0, 256, 512, 768, 1024], reports.Select(r => r.Done));
        Assert.Equal(1024, index.Count);
    }

    private static ArrayVectorSource Source(int count = 2000) => new(RandomVectors.Uniform(11, count, Dimensions), Dimensions, blockSize: 256);

    private sealed class Recorder(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
