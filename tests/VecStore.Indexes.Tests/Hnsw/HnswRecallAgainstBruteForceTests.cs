using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;

namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>Recall@10 of HNSW searches against brute force, for every metric and element pair, and exact reported distances.</summary>
public sealed class HnswRecallAgainstBruteForceTests
{
    /// <summary>The floor every pair must reach at ef 100; a graph with random links stays far below it.</summary>
    private const double RecallFloor = 0.95;

    public static TheoryData<VectorElement, Metric> Pairs() => new()
    {
        { VectorElement.Float32, Metric.L2 },
        { VectorElement.Float32, Metric.Cosine },
        { VectorElement.Float32, Metric.InnerProduct },
        { VectorElement.Float32, Metric.L1 },
        { VectorElement.Float16, Metric.L2 },
        { VectorElement.Float16, Metric.Cosine },
        { VectorElement.Float16, Metric.InnerProduct },
        { VectorElement.Float16, Metric.L1 },
        { VectorElement.Bit, Metric.Hamming },
        { VectorElement.Bit, Metric.Jaccard },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Search_reaches_recall_floor_with_exact_distances(VectorElement element, Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(100 + (int)metric, element, metric);
        using HnswIndex index = set.Build();

        double recall = set.Recall(index, k: 10, ef: 100, default(AcceptAll));

        Assert.True(recall >= RecallFloor, $"recall@10 {recall:F3} < {RecallFloor}");
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    public void Parallel_build_reaches_recall_floor(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(200, VectorElement.Float32, metric, count: 4000);
        using HnswIndex index = set.Build(new HnswOptions { MaxThreads = 2 });

        double recall = set.Recall(index, k: 10, ef: 100, default(AcceptAll));

        Assert.Equal(4000, index.Count);
        Assert.True(recall >= RecallFloor, $"recall@10 {recall:F3} < {RecallFloor}");
    }

    [Fact]
    public unsafe void Recall_floor_fails_a_graph_with_random_links()
    {
        HnswTestSet set = HnswTestSet.Create(300, VectorElement.Float32, Metric.L2);
        using HnswIndex index = set.Build();
        var random = new Random(1);
        NodeStore store = index.Store;
        for (int node = 0; node < store.Count; node++)
        {
            int* list = store.Links0(node);
            for (int i = 1; i <= list[0]; i++)
            {
                list[i] = random.Next(store.Count);
            }
        }

        double recall = set.Recall(index, k: 10, ef: 100, default(AcceptAll));

        Assert.True(recall < RecallFloor, $"a scrambled graph still reached recall@10 {recall:F3}");
    }

    [Fact]
    public void Single_thread_builds_are_identical()
    {
        HnswTestSet set = HnswTestSet.Create(400, VectorElement.Float32, Metric.L2, count: 500);
        using HnswIndex first = set.Build();
        using HnswIndex second = set.Build();
        var a = new Neighbor[10];
        var b = new Neighbor[10];

        foreach (float[] query in set.Queries)
        {
            Assert.Equal(first.Search(query, default(AcceptAll), a), second.Search(query, default(AcceptAll), b));
            Assert.Equal(a, b);
        }
    }
}
