using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;

namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>Adds after a build, removals, replacements, filters and edge sizes, each judged against brute force.</summary>
public sealed class HnswIndexUpdateTests
{
    [Fact]
    public void Add_after_build_is_found()
    {
        HnswTestSet set = HnswTestSet.Create(500, VectorElement.Float32, Metric.L2);
        using var index = new HnswIndex(set.Element, set.Dimensions, set.Metric, new HnswOptions { MaxThreads = 1 });
        index.Build(new ArrayVectorSource(set.Data.AsSpan(0, 1000 * set.VectorBytes).ToArray(), set.Element, set.Dimensions));
        for (int i = 1000; i < set.Count; i++)
        {
            index.Add(i, set.Stored(i));
        }

        double recall = set.Recall(index, 10, 100, default(AcceptAll));

        Assert.Equal(set.Count, index.Count);
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
    }

    [Fact]
    public void Removed_ids_are_never_returned()
    {
        HnswTestSet set = HnswTestSet.Create(501, VectorElement.Float32, Metric.L2);
        using HnswIndex index = set.Build();
        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(AcceptAll), results);
            for (int i = 0; i < written; i++)
            {
                Assert.True(index.Remove(results[i].Id));
            }
        }

        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(AcceptAll), results);
            for (int i = 0; i < written; i++)
            {
                Assert.True(index.Contains(results[i].Id));
            }
        }

        Assert.False(index.Remove(-5));
        Assert.Equal(set.Count, index.Count + index.DeletedCount);
    }

    [Fact]
    public void Add_with_existing_id_moves_the_vector()
    {
        HnswTestSet set = HnswTestSet.Create(502, VectorElement.Float32, Metric.L2);
        using HnswIndex index = set.Build();
        float[] target = set.Queries[0];
        float[] oldPlace = set.Vectors[7];

        index.Add(7, set.Encode(target));

        var results = new Neighbor[1];
        Assert.Equal(1, index.Search(target, default(AcceptAll), results));
        Assert.Equal(new Neighbor(7, 0f), results[0]);
        Assert.Equal(set.Encode(target), index.GetVectorData(7).ToArray());
        var near = new Neighbor[5];
        int written = index.Search(oldPlace, default(AcceptAll), near);
        Assert.DoesNotContain(near[..written], n => n.Id == 7 && n.Distance == 0f);
        Assert.Equal(set.Count, index.Count);
        Assert.Equal(1, index.DeletedCount);
    }

    [Fact]
    public void Search_after_removing_most_vectors_keeps_recall_on_the_rest()
    {
        HnswTestSet set = HnswTestSet.Create(503, VectorElement.Float32, Metric.Cosine);
        using HnswIndex index = set.Build();
        var random = new Random(3);
        var removed = new HashSet<long>();
        while (removed.Count < set.Count * 6 / 10)
        {
            long id = random.Next(set.Count);
            if (removed.Add(id))
            {
                Assert.True(index.Remove(id));
            }
        }

        double recall = set.Recall(index, 10, 100, default(AcceptAll), id => !removed.Contains(id));

        Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
        Assert.Equal(set.Count - removed.Count, index.Count);
    }

    [Fact]
    public void Filtered_search_returns_only_accepted_ids_with_recall()
    {
        HnswTestSet set = HnswTestSet.Create(504, VectorElement.Float32, Metric.L2);
        using HnswIndex index = set.Build();

        double recall = set.Recall(index, 10, 100, default(EvenIds), id => (id & 1) == 0);

        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(EvenIds), results);
            Assert.Equal(10, written);
            Assert.All(results, n => Assert.Equal(0, n.Id & 1));
        }

        Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
    }

    [Fact]
    public void Empty_index_returns_nothing()
    {
        using var index = new HnswIndex(VectorElement.Float32, 4, Metric.L2, new HnswOptions());
        index.Build(new ArrayVectorSource([], 4));

        Assert.Equal(0, index.Search([1f, 2f, 3f, 4f], default(AcceptAll), new Neighbor[3]));
        Assert.Equal(0, index.Count);
        Assert.True(index.GetVectorData(0).IsEmpty);
        Assert.Empty(index.LiveIds());
    }

    [Fact]
    public void Search_for_more_than_count_returns_every_vector_in_order()
    {
        HnswTestSet set = HnswTestSet.Create(505, VectorElement.Float32, Metric.L2, count: 30);
        using HnswIndex index = set.Build();
        var results = new Neighbor[50];

        int written = index.Search(set.Queries[0], default(AcceptAll), results);

        Assert.Equal(30, written);
        Assert.Equal(set.Exact(set.Queries[0], 30), results[..written].Select(n => n.Id));
    }

    [Fact]
    public void Ids_outside_the_dense_range_map_back()
    {
        using var index = new HnswIndex(VectorElement.Float32, 2, Metric.L2, new HnswOptions());
        long[] ids = [long.MinValue, -1, 0, 5_000_000_000, long.MaxValue, 3];
        for (int i = 0; i < ids.Length; i++)
        {
            index.Add(ids[i], System.Runtime.InteropServices.MemoryMarshal.AsBytes<float>([i, 0f]));
        }

        var results = new Neighbor[1];
        for (int i = 0; i < ids.Length; i++)
        {
            index.Search([i, 0f], default(AcceptAll), results);
            Assert.Equal(ids[i], results[0].Id);
            Assert.True(index.Contains(ids[i]));
        }

        Assert.Equal(ids.Order(), index.LiveIds().Order());
    }

    [Theory]
    [InlineData(1, 200, 64)]
    [InlineData(101, 200, 64)]
    [InlineData(16, 0, 64)]
    [InlineData(16, 200, 0)]
    public void Constructor_rejects_options_out_of_range(int m, int efConstruction, int efSearch)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new HnswIndex(VectorElement.Float32, 8, Metric.L2, new HnswOptions { M = m, EfConstruction = efConstruction, EfSearch = efSearch }));
    }

    [Fact]
    public void Constructor_rejects_a_metric_the_element_cannot_use()
    {
        Assert.Throws<ArgumentException>(() => new HnswIndex(VectorElement.Bit, 64, Metric.L2, new HnswOptions()));
        Assert.Throws<ArgumentException>(() => new HnswIndex(VectorElement.Float32, 8, Metric.Hamming, new HnswOptions()));
    }

    [Fact]
    public void Build_reports_progress_and_honours_cancellation()
    {
        HnswTestSet set = HnswTestSet.Create(506, VectorElement.Float32, Metric.L2);
        using var index = new HnswIndex(set.Element, set.Dimensions, set.Metric, new HnswOptions { MaxThreads = 1 });
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => index.Build(set.Source(), null, cancellation.Token));

        BuildProgress last = default;
        index.Build(set.Source(), new SynchronousProgress(v => last = v));
        Assert.Equal(new BuildProgress(BuildStage.Linking, set.Count, set.Count), last);
        Assert.Equal(set.Count, index.Count);
    }

    private sealed class SynchronousProgress(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
