using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>The HNSW graph over many centroids finds nearly the same probes as comparing every centroid, and batched assignment equals one-at-a-time.</summary>
public sealed class CentroidGraphTests
{
    private const int Dimensions = 24;

    private static float[] Gaussian(int count, int seed)
    {
        var random = new Random(seed);
        float[] values = new float[count * Dimensions];
        for (int i = 0; i < values.Length; i++)
        {
            // Box–Muller: isotropic points, the hard case for a graph (no cluster structure to follow).
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    /// <summary>The <paramref name="count"/> nearest centroids by exact squared distance, nearest first.</summary>
    private static int[] ExactNearest(float[] centroids, ReadOnlySpan<float> query, int count)
    {
        int total = centroids.Length / Dimensions;
        var order = new (float Distance, int Index)[total];
        for (int c = 0; c < total; c++)
        {
            order[c] = (SquaredL2.Compute(query, centroids.AsSpan(c * Dimensions, Dimensions)), c);
        }

        Array.Sort(order);
        return order.Take(count).Select(o => o.Index).ToArray();
    }

    [Fact]
    public void Many_centroids_find_their_probes_through_the_graph_with_recall_of_at_least_097()
    {
        int lists = CentroidSet.GraphMinLists + 300;
        float[] centroids = Gaussian(lists, 1);
        var set = new CentroidSet(centroids, Dimensions);
        Assert.True(set.UsesGraph);
        float[] queries = Gaussian(200, 2);
        const int nprobe = 16;
        int[] probes = new int[nprobe];
        var heap = new Neighbor[nprobe];
        double hits = 0;
        int firstRight = 0;
        for (int q = 0; q < 200; q++)
        {
            ReadOnlySpan<float> query = queries.AsSpan(q * Dimensions, Dimensions);
            Assert.Equal(nprobe, set.NearestMany(query, probes, heap));
            int[] truth = ExactNearest(centroids, query, nprobe);
            hits += probes.Intersect(truth).Count();
            firstRight += probes[0] == truth[0] ? 1 : 0;
            Assert.Equal(nprobe, probes.Distinct().Count());
        }

        Assert.True(hits / (200.0 * nprobe) >= 0.97, $"probe recall {hits / (200.0 * nprobe):F3}");
        Assert.True(firstRight >= 196, $"nearest list right for {firstRight} of 200 queries");
    }

    [Fact]
    public void Wide_probes_and_few_centroids_compare_every_centroid_exactly()
    {
        float[] centroids = Gaussian(CentroidSet.GraphMinLists + 8, 3);
        var set = new CentroidSet(centroids, Dimensions);
        float[] query = Gaussian(1, 4);

        // nprobe above a 32nd of the lists: the full comparison, so exactly the nearest set.
        int nprobe = (set.Count / 32) + 1;
        int[] probes = new int[nprobe];
        set.NearestMany(query, probes, new Neighbor[nprobe]);
        Assert.Equal(ExactNearest(centroids, query, nprobe).Order(), probes.Order());

        var small = new CentroidSet(Gaussian(100, 5), Dimensions);
        Assert.False(small.UsesGraph);
    }

    [Fact]
    public void Batched_assignment_equals_one_point_at_a_time()
    {
        float[] centroids = Gaussian(300, 6);
        var set = new CentroidSet(centroids, Dimensions);
        float[] points = Gaussian(5000, 7);
        int[] batched = new int[5000];
        set.NearestBatch(points, batched, maxThreads: 2);
        int same = 0;
        for (int i = 0; i < batched.Length; i++)
        {
            int single = set.Nearest(points.AsSpan(i * Dimensions, Dimensions));
            if (single == batched[i])
            {
                same++;
                continue;
            }

            // Two rankings that round differently may part only on a tie within rounding.
            float a = SquaredL2.Compute(points.AsSpan(i * Dimensions, Dimensions), set.Centroid(single));
            float b = SquaredL2.Compute(points.AsSpan(i * Dimensions, Dimensions), set.Centroid(batched[i]));
            Assert.True(Math.Abs(a - b) <= 1e-4f * Math.Max(1, a), $"point {i}: {single} at {a} vs {batched[i]} at {b}");
        }

        Assert.True(same >= 4990, $"{same} of 5000 equal");
    }

    [Fact]
    public void An_ivf_index_with_more_lists_than_the_graph_threshold_keeps_its_recall()
    {
        Hnsw.HnswTestSet set = Hnsw.HnswTestSet.Create(12, VectorElement.Float32, Metric.L2, count: 16000, dimensions: 16, clusters: 200);
        int lists = CentroidSet.GraphMinLists + 76;
        using var index = new IvfIndex(VectorElement.Float32, 16, Metric.L2, new IvfOptions { Lists = lists, MaxThreads = 2 });
        index.Build(set.Source());

        // 100 probes of 4,172 lists: below a 32nd, so the graph chooses them.
        Assert.True(IvfIndexTests.Recall(index, set, 10, 100, default(AcceptAll)) >= 0.9);
    }
}
