using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>SearchBatch answers each query as Search does: same distances bit for bit, same ids except at near-ties of the k-th distance.</summary>
public sealed class FlatIndexBatchAgainstSingleSearchTests
{
    // Candidates are chosen by a dot-product form of the metric; ids may differ from a single
    // search only where an excluded vector's exact distance lies this close to the k-th.
    private const float TieTolerance = 1e-3f;

    private static readonly (VectorElement Element, Metric Metric)[] Pairs =
    [
        (VectorElement.Float32, Metric.L2),
        (VectorElement.Float32, Metric.Cosine),
        (VectorElement.Float32, Metric.InnerProduct),
        (VectorElement.Float32, Metric.L1),
        (VectorElement.Float16, Metric.L2),
        (VectorElement.Float16, Metric.Cosine),
        (VectorElement.Float16, Metric.InnerProduct),
        (VectorElement.Bit, Metric.Hamming),
        (VectorElement.Bit, Metric.Jaccard),
    ];

    public static TheoryData<int, VectorElement, Metric, int> Cases()
    {
        var data = new TheoryData<int, VectorElement, Metric, int>();
        int[] queryCounts = [1, 3, 5, 17, 33, 48, 49, 100];
        for (int seed = 700; seed < 708; seed++)
        {
            foreach ((VectorElement element, Metric metric) in Pairs)
            {
                data.Add(seed, element, metric, queryCounts[(seed + (int)metric) % queryCounts.Length]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchBatch_matches_Search_for_each_query(int seed, VectorElement element, Metric metric, int queryCount)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed, maxCount: 1500, maxDimensions: 100, element);
        float[] queries = Queries(c, queryCount, seed);
        bool farthest = seed % 3 == 0;

        Check(c, metric, queries, queryCount, c.K, farthest, new FlatSearchOptions { MaxThreads = 1 });
    }

    [Theory]
    [InlineData(Metric.L2, false)]
    [InlineData(Metric.Cosine, true)]
    [InlineData(Metric.InnerProduct, false)]
    public void SearchBatch_of_1000_queries_on_several_threads_matches_Search(Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed: 720 + (int)metric, maxCount: 3000, maxDimensions: 40);
        float[] queries = Queries(c, 1000, seed: 721);

        Check(c, metric, queries, 1000, k: 10, farthest, new FlatSearchOptions { MaxThreads = 3, ParallelThreshold = 0 });
    }

    [Theory]
    [InlineData(VectorElement.Float32, Metric.L2)]
    [InlineData(VectorElement.Float16, Metric.Cosine)]
    [InlineData(VectorElement.Float32, Metric.InnerProduct)]
    public void SearchBatch_returns_every_accepted_vector_when_k_exceeds_their_number(VectorElement element, Metric metric)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed: 730, maxCount: 40, maxDimensions: 30, element);
        float[] queries = Queries(c, 17, seed: 731);
        int k = c.Count + 25;

        Check(c, metric, queries, 17, k, farthest: false, new FlatSearchOptions { MaxThreads = 2, ParallelThreshold = 0 });
    }

    [Fact]
    public void SearchBatch_results_do_not_depend_on_the_thread_count()
    {
        RandomSourceCase c = RandomSourceCase.Create(seed: 740, maxCount: 4000, maxDimensions: 50);
        var index = new FlatIndex(c.Source, Metric.L2);
        float[] queries = Queries(c, 200, seed: 741);
        var one = new Neighbor[200 * 12];
        var many = new Neighbor[200 * 12];
        var foundOne = new int[200];
        var foundMany = new int[200];

        index.SearchBatch(queries, 200, default(AcceptAll), one, 12, foundOne, options: new FlatSearchOptions { MaxThreads = 1 });
        index.SearchBatch(queries, 200, default(AcceptAll), many, 12, foundMany, options: new FlatSearchOptions { MaxThreads = 4, ParallelThreshold = 0 });

        Assert.Equal(foundOne, foundMany);
        Assert.Equal(one, many);
    }

    [Fact]
    public void SearchBatch_writes_nothing_when_k_is_zero()
    {
        var index = new FlatIndex(new ArrayVectorSource(RandomVectors.Uniform(750, 100, 8), 8), Metric.L2);
        var found = new int[20];
        Array.Fill(found, -1);

        index.SearchBatch(RandomVectors.Uniform(751, 20, 8), 20, default(AcceptAll), Span<Neighbor>.Empty, 0, found);

        Assert.All(found, f => Assert.Equal(0, f));
    }

    [Fact]
    public void SearchBatch_throws_when_a_span_is_too_short()
    {
        var index = new FlatIndex(new ArrayVectorSource(RandomVectors.Uniform(752, 100, 8), 8), Metric.L2);
        float[] queries = RandomVectors.Uniform(753, 20, 8);
        Assert.Throws<ArgumentException>(() => index.SearchBatch(queries.AsSpan(1), 20, default(AcceptAll), new Neighbor[200], 10, new int[20]));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(queries, 20, default(AcceptAll), new Neighbor[199], 10, new int[20]));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(queries, 20, default(AcceptAll), new Neighbor[200], 10, new int[19]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(queries, 20, default(AcceptAll), new Neighbor[200], -1, new int[20]));
    }

    private static float[] Queries(RandomSourceCase c, int queryCount, int seed)
    {
        Random random = RandomVectors.Create(seed);
        var queries = new float[queryCount * c.Dimensions];
        for (int q = 0; q < queryCount; q++)
        {
            // Some queries are stored vectors, whose distance 0 the expanded L2 form rounds worst.
            float[] query = c.Count > 0 && random.Next(4) == 0
                ? RandomSourceCase.QueryFromStored(c.Element, c.Data.AsSpan(random.Next(c.Count) * c.VectorBytes, c.VectorBytes), c.Dimensions)
                : RandomSourceCase.RandomQuery(random, c.Element, c.Dimensions);
            query.CopyTo(queries, q * c.Dimensions);
        }

        return queries;
    }

    private static void Check(RandomSourceCase c, Metric metric, float[] queries, int queryCount, int k, bool farthest, FlatSearchOptions options)
    {
        var index = new FlatIndex(c.Source, metric);
        var results = new Neighbor[queryCount * k];
        var found = new int[queryCount];
        if (c.Accepted is null)
        {
            index.SearchBatch(queries, queryCount, default(AcceptAll), results, k, found, farthest, options);
        }
        else
        {
            index.SearchBatch(queries, queryCount, new SetFilter(c.Accepted), results, k, found, farthest, options);
        }

        var expected = new Neighbor[k];
        for (int q = 0; q < queryCount; q++)
        {
            ReadOnlySpan<float> query = queries.AsSpan(q * c.Dimensions, c.Dimensions);
            int expectedCount = c.Accepted is null
                ? Single(index, query, default(AcceptAll), expected, farthest)
                : Single(index, query, new SetFilter(c.Accepted), expected, farthest);
            AssertSameAnswer(c, metric, query, expected.AsSpan(0, expectedCount), results.AsSpan(q * k, found[q]), $"{c}, {metric}, query {q} of {queryCount}");
        }
    }

    private static int Single<TFilter>(FlatIndex index, ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, bool farthest)
        where TFilter : struct, IRowFilter =>
        farthest
            ? index.SearchFarthest(query, filter, results, new FlatSearchOptions { MaxThreads = 1 })
            : index.Search(query, filter, results, new FlatSearchOptions { MaxThreads = 1 });

    private static void AssertSameAnswer(RandomSourceCase c, Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<Neighbor> expected, ReadOnlySpan<Neighbor> actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} results, got {actual.Length}");
        if (expected.SequenceEqual(actual))
        {
            return;
        }

        // Every reported distance is the exact one, whatever was chosen.
        foreach (Neighbor n in actual)
        {
            int position = Array.IndexOf(c.Ids, n.Id);
            double exact = DistanceKernels.Distance(metric, query, c.Data.AsSpan(position * c.VectorBytes, c.VectorBytes), c.Element);
            Assert.True(exact.Equals(n.Distance), $"{what}: id {n.Id} reported {n.Distance:R}, exactly {exact:R}");
        }

        // Ids may differ only among results tied with the last one.
        double last = expected[^1].Distance;
        var expectedIds = expected.ToArray().Select(n => n.Id).ToHashSet();
        var actualIds = actual.ToArray().Select(n => n.Id).ToHashSet();
        foreach (Neighbor n in expected.ToArray().Where(n => !actualIds.Contains(n.Id)).Concat(actual.ToArray().Where(n => !expectedIds.Contains(n.Id))))
        {
            Assert.True(Math.Abs(n.Distance - last) <= TieTolerance * Math.Max(1f, Math.Abs(last)), $"{what}: id {n.Id} at {n.Distance:R} differs, but the k-th distance is {last:R}");
        }
    }
}
