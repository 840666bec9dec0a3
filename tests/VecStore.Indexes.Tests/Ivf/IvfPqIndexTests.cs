using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>IVFPQ against brute force: recall with refine, exact distances, updates and the storage seam.</summary>
public sealed class IvfPqIndexTests
{
    internal const int Lists = 32;

    internal static IvfPqIndex Build(HnswTestSet set, int m = 8, int refine = 4, bool storesVectors = true)
    {
        var index = new IvfPqIndex(VectorElement.Float32, set.Dimensions, set.Metric, new IvfPqOptions { Lists = Lists, M = m, Refine = refine, MaxThreads = 2, TrainingSamplePerList = 64 }, storesVectors);
        index.Build(set.Source());
        return index;
    }

    /// <summary>Mean recall@k, asserting exact distances and nearest-first order on the way.</summary>
    internal static double Recall(IvfPqIndex index, HnswTestSet set, int k, int nprobe, IVectorSource? vectors = null)
    {
        double hits = 0;
        var results = new Neighbor[k];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(AcceptAll), results, new IvfSearchOptions(nprobe), vectors);
            long[] truth = set.Exact(query, k);
            for (int i = 0; i < written; i++)
            {
                Assert.Equal(DistanceKernels.Distance(set.Metric, query, set.Stored((int)results[i].Id), VectorElement.Float32), results[i].Distance);
                Assert.True(i == 0 || NeighborOrderOk(results[i - 1], results[i]), "results must come nearest first, ties by id");
                hits += truth.Contains(results[i].Id) ? 1 : 0;
            }
        }

        return hits / (set.Queries.Length * (double)k);
    }

    private static bool NeighborOrderOk(Neighbor a, Neighbor b) => a.Distance < b.Distance || (a.Distance == b.Distance && a.Id < b.Id);

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.Cosine)]
    public void Recall_at_10_with_refine_4_and_half_the_lists_is_at_least_09(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(50, VectorElement.Float32, metric);
        using IvfPqIndex index = Build(set);

        Assert.Equal(set.Count, index.Count);
        Assert.True(index.IsTrained);
        Assert.Equal("ivfpq", index.Kind);
        double recall = Recall(index, set, 10, Lists / 2);
        Assert.True(recall >= 0.9, $"recall@10 {recall}");
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    public void Lists_of_256_codes_or_more_are_scored_through_tables_with_the_same_recall(Metric metric)
    {
        // Four lists of about 500 codes: past the length at which a list is scored by decoding.
        HnswTestSet set = HnswTestSet.Create(57, VectorElement.Float32, metric);
        using var index = new IvfPqIndex(VectorElement.Float32, set.Dimensions, metric, new IvfPqOptions { Lists = 4, M = 8, MaxThreads = 2, TrainingSamplePerList = 64 });
        index.Build(set.Source());

        double recall = Recall(index, set, 10, 2);
        Assert.True(recall >= 0.9, $"recall@10 {recall}");
    }

    [Fact]
    public void Refine_mends_what_the_codes_miss()
    {
        HnswTestSet set = HnswTestSet.Create(51, VectorElement.Float32, Metric.L2);
        using IvfPqIndex without = Build(set, m: 4, refine: 1);
        using IvfPqIndex with = Build(set, m: 4, refine: 8);

        Assert.True(Recall(with, set, 10, Lists) > Recall(without, set, 10, Lists));
    }

    [Fact]
    public void Filter_returns_only_accepted_ids()
    {
        HnswTestSet set = HnswTestSet.Create(52, VectorElement.Float32, Metric.L2);
        using IvfPqIndex index = Build(set);
        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(EvenIds), results, new IvfSearchOptions(Lists / 2));
            Assert.Equal(10, written);
            Assert.All(results, n => Assert.Equal(0, n.Id & 1));
        }
    }

    [Fact]
    public void Add_after_build_is_found_remove_is_never_returned_and_replace_moves()
    {
        HnswTestSet set = HnswTestSet.Create(53, VectorElement.Float32, Metric.L2);
        using IvfPqIndex index = Build(set);
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

        index.Add(7, set.Encode(query));
        index.Search(query, default(AcceptAll), results);
        Assert.Equal(new Neighbor(7, 0f), results[0]);
        Assert.Equal(set.Count, index.Count);
        Assert.Equal(set.Count, index.LiveIds().Length);
        Assert.Equal(set.Encode(query), index.GetVectorData(7).ToArray());
        Assert.True(index.MemoryBytes > set.Count * (8 + set.VectorBytes));
    }

    [Fact]
    public void Unsupported_element_metric_options_and_untrained_add_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new IvfPqIndex(VectorElement.Float16, 8, Metric.L2, new IvfPqOptions()));
        Assert.Throws<ArgumentException>(() => new IvfPqIndex(VectorElement.Float32, 8, Metric.L1, new IvfPqOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IvfPqIndex(VectorElement.Float32, 8, Metric.L2, new IvfPqOptions { Refine = 0 }));
        using var index = new IvfPqIndex(VectorElement.Float32, 8, Metric.L2, new IvfPqOptions { Lists = 4, M = 2 });
        Assert.Throws<InvalidOperationException>(() => index.Add(1, new byte[32]));
        Assert.Equal(0, index.Search(new float[8], default(AcceptAll), new Neighbor[3], 1));
    }

    [Fact]
    public void An_empty_copy_trains_on_rebuild_through_the_seam_and_the_breadth_is_nprobe()
    {
        HnswTestSet set = HnswTestSet.Create(54, VectorElement.Float32, Metric.L2, count: 1000);
        using IUpdatableVectorIndex built = Build(set);
        using IUpdatableVectorIndex fresh = built.CreateEmpty();
        Assert.Equal(0, fresh.Count);

        long[] ids = built.LiveIds();
        var data = new float[ids.Length * set.Dimensions];
        for (int i = 0; i < ids.Length; i++)
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(built.GetVectorData(ids[i])).CopyTo(data.AsSpan(i * set.Dimensions));
        }

        fresh.Build(new ArrayVectorSource(data, set.Dimensions, ids: ids));
        Assert.Equal(built.Count, fresh.Count);
        var results = new Neighbor[10];
        Assert.InRange(fresh.Search(set.Queries[0], default(AcceptAll), results, breadth: 1), 0, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => fresh.Search(set.Queries[0], default(AcceptAll), results, breadth: 0));
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    public void Wide_searches_scan_the_lists_on_two_threads_and_answer_as_one_thread_does(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(56, VectorElement.Float32, metric, count: 3000);
        IvfPqIndex Make(int threads)
        {
            var index = new IvfPqIndex(VectorElement.Float32, set.Dimensions, metric, new IvfPqOptions { Lists = 128, M = 8, MaxThreads = threads, TrainingSamplePerList = 16 }, storesVectors: false);
            index.Build(set.Source());
            return index;
        }

        using IvfPqIndex serial = Make(1);
        using IvfPqIndex parallel = Make(2);

        // 100 probes: from 64 on the two-thread index splits them; the kept set does not depend on arrival order.
        SameAnswers.Check(serial, parallel, set, 100, default(EvenIds), set.Source());
    }

    [Fact]
    public async Task Adds_while_two_threads_search_never_show_a_half_written_entry()
    {
        HnswTestSet set = HnswTestSet.Create(55, VectorElement.Float32, Metric.L2, count: 1000);
        using IvfPqIndex index = Build(set);

        Assert.Empty(await ConcurrentAddsCheck.Run(index, set, Lists / 2));
        Assert.Equal(2 * set.Count, index.Count);
    }
}
