using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>IVF-Flat against brute force: recall, exact distances, filters and updates.</summary>
public sealed class IvfIndexTests
{
    private const int Lists = 32;

    internal static IvfIndex Build(HnswTestSet set, int threads = 2)
    {
        var index = new IvfIndex(VectorElement.Float32, set.Dimensions, set.Metric, new IvfOptions { Lists = Lists, MaxThreads = threads, TrainingSamplePerList = 64 });
        index.Build(set.Source());
        return index;
    }

    /// <summary>Mean recall@k, asserting exact distances and nearest-first order on the way.</summary>
    internal static double Recall<TFilter>(IvfIndex index, HnswTestSet set, int k, int nprobe, TFilter filter, Func<long, bool>? include = null)
        where TFilter : struct, IRowFilter
    {
        double hits = 0;
        var results = new Neighbor[k];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, filter, results, new IvfSearchOptions(nprobe));
            long[] truth = set.Exact(query, k, include);
            for (int i = 0; i < written; i++)
            {
                Assert.Equal(DistanceKernels.Distance(set.Metric, query, index.GetVectorData(results[i].Id), VectorElement.Float32), results[i].Distance);
                Assert.True(include?.Invoke(results[i].Id) ?? true);
                Assert.True(i == 0 || results[i - 1].Distance <= results[i].Distance, "results must come nearest first");
                hits += truth.Contains(results[i].Id) ? 1 : 0;
            }
        }

        return hits / (set.Queries.Length * (double)k);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.Cosine)]
    public void Recall_at_10_with_a_quarter_of_the_lists_is_at_least_095(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(11, VectorElement.Float32, metric);
        using IvfIndex index = Build(set);

        Assert.Equal(set.Count, index.Count);
        Assert.True(index.IsTrained);
        Assert.True(Recall(index, set, 10, Lists / 4, default(AcceptAll)) >= 0.95);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.Cosine)]
    public void Probing_every_list_equals_brute_force(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(12, VectorElement.Float32, metric, count: 1000);
        using IvfIndex index = Build(set);
        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(AcceptAll), results, new IvfSearchOptions(Lists));
            Assert.Equal(set.Exact(query, 10), results.Take(written).Select(n => n.Id).ToArray());
        }
    }

    [Fact]
    public void Wide_searches_on_several_threads_equal_one_thread()
    {
        HnswTestSet set = HnswTestSet.Create(13, VectorElement.Float32, Metric.L2);
        using IvfIndex parallel = new(VectorElement.Float32, set.Dimensions, Metric.L2, new IvfOptions { Lists = 128, MaxThreads = 2, TrainingSamplePerList = 16 });
        parallel.Build(set.Source());
        var a = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = parallel.Search(query, default(AcceptAll), a, new IvfSearchOptions(128));
            Assert.Equal(set.Exact(query, 10), a.Take(written).Select(n => n.Id).ToArray());
        }
    }

    [Fact]
    public void Filter_returns_only_accepted_ids()
    {
        HnswTestSet set = HnswTestSet.Create(14, VectorElement.Float32, Metric.L2);
        using IvfIndex index = Build(set);

        Assert.True(Recall(index, set, 10, Lists / 4, default(EvenIds), id => (id & 1) == 0) >= 0.95);
    }

    [Fact]
    public void Add_after_build_is_found_remove_is_never_returned_and_replace_moves()
    {
        HnswTestSet set = HnswTestSet.Create(15, VectorElement.Float32, Metric.L2);
        using IvfIndex index = Build(set);
        float[] query = set.Queries[0];
        var results = new Neighbor[5];

        index.Add(100_000, set.Encode(query));
        index.Search(query, default(AcceptAll), results);
        Assert.Equal(new Neighbor(100_000, 0f), results[0]);

        Assert.True(index.Remove(100_000));
        Assert.False(index.Remove(100_000));
        Assert.False(index.Contains(100_000));
        int written = index.Search(query, default(AcceptAll), results, new IvfSearchOptions(Lists));
        Assert.DoesNotContain(results.Take(written), n => n.Id == 100_000);
        Assert.Equal(set.Count, index.Count);
        Assert.Equal(1, index.DeletedCount);

        // Replacing vector 7 with the query moves it next to the query.
        index.Add(7, set.Encode(query));
        index.Search(query, default(AcceptAll), results);
        Assert.Equal(new Neighbor(7, 0f), results[0]);
        Assert.Equal(set.Count, index.Count);
        Assert.Equal(set.Count, index.LiveIds().Length);
        Assert.Equal(set.Encode(query), index.GetVectorData(7).ToArray());
    }

    [Fact]
    public void Unsupported_element_metric_and_untrained_add_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new IvfIndex(VectorElement.Float16, 8, Metric.L2, new IvfOptions()));
        Assert.Throws<ArgumentException>(() => new IvfIndex(VectorElement.Float32, 8, Metric.L1, new IvfOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfIndex(VectorElement.Float32, 8, Metric.L2, new IvfOptions { Lists = 0 }));
        using var index = new IvfIndex(VectorElement.Float32, 2, Metric.L2, new IvfOptions { Lists = 4 });
        Assert.Throws<InvalidOperationException>(() => index.Add(1, new byte[8]));
        Assert.Throws<ArgumentException>(() => index.Build(new ArrayVectorSource(new float[6], 2)));
    }

    [Fact]
    public async Task Adds_while_two_threads_search_never_show_a_half_written_entry()
    {
        HnswTestSet set = HnswTestSet.Create(16, VectorElement.Float32, Metric.L2);
        using IvfIndex index = Build(set);

        Assert.Empty(await ConcurrentAddsCheck.Run(index, set, Lists / 2));
        Assert.Equal(2 * set.Count, index.Count);
    }
}
