using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>SearchRange returns exactly the present, accepted vectors whose reported distance lies within the bounds, bounds that equal a stored distance included.</summary>
public sealed class FlatIndexRangeSearchTests
{
    private static readonly (VectorElement Element, Metric Metric)[] Pairs =
    [
        (VectorElement.Float32, Metric.L2),
        (VectorElement.Float32, Metric.Cosine),
        (VectorElement.Float32, Metric.InnerProduct),
        (VectorElement.Float32, Metric.L1),
        (VectorElement.Float16, Metric.L2),
        (VectorElement.Float16, Metric.InnerProduct),
        (VectorElement.Bit, Metric.Hamming),
        (VectorElement.Bit, Metric.Jaccard),
    ];

    public static TheoryData<int, VectorElement, Metric> Cases()
    {
        var data = new TheoryData<int, VectorElement, Metric>();
        for (int seed = 700; seed < 710; seed++)
        {
            foreach ((VectorElement element, Metric metric) in Pairs)
            {
                data.Add(seed, element, metric);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchRange_matches_brute_force(int seed, VectorElement element, Metric metric)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed, maxCount: 900, maxDimensions: element == VectorElement.Bit ? 300 : 100, element);
        Random random = RandomVectors.Create(seed + 1);
        var distances = Enumerable.Range(0, c.Count)
            .Select(i => (double)DistanceKernels.Distance(metric, c.Query, c.Data.AsSpan(i * c.VectorBytes, c.VectorBytes), element))
            .ToArray();

        // Bounds taken from stored distances, so that inclusive and exclusive ends are both exercised.
        double Pick() => c.Count == 0 || random.Next(5) == 0 ? (random.NextDouble() * 4) - 2 : distances[random.Next(c.Count)];
        double a = Pick(), b = Pick();
        var bounds = new DistanceBounds(
            random.Next(4) == 0 ? double.NegativeInfinity : Math.Min(a, b), random.Next(2) == 0,
            random.Next(4) == 0 ? double.PositiveInfinity : Math.Max(a, b), random.Next(2) == 0);
        var index = new FlatIndex(c.Source, metric);
        var found = new List<Neighbor>();

        if (c.Accepted is null)
            index.SearchRange(c.Query, bounds, default(AcceptAll), found);
        else
            index.SearchRange(c.Query, bounds, new SetFilter(c.Accepted), found);

        var expected = Enumerable.Range(0, c.Count)
            .Where(i => c.Present[i] && (c.Accepted is null || c.Accepted.Contains(c.Ids[i])))
            .Where(i => (bounds.LowerInclusive ? distances[i] >= bounds.Lower : distances[i] > bounds.Lower)
                && (bounds.UpperInclusive ? distances[i] <= bounds.Upper : distances[i] < bounds.Upper))
            .Select(i => new Neighbor(c.Ids[i], (float)distances[i]))
            .OrderBy(n => n.Id)
            .ToList();
        Assert.Equal(expected, found.OrderBy(n => n.Id).ToList());
    }

    [Fact]
    public void SearchRange_with_a_NaN_bound_finds_nothing()
    {
        var source = new ArrayVectorSource(RandomVectors.Uniform(5, 100, 4), 4);
        var found = new List<Neighbor>();

        new FlatIndex(source, Metric.L2).SearchRange(new float[4], new DistanceBounds(double.NegativeInfinity, true, double.NaN, true), default(AcceptAll), found);

        Assert.Empty(found);
    }

    [Fact]
    public void SearchRange_with_open_bounds_finds_every_vector()
    {
        var source = new ArrayVectorSource(RandomVectors.Uniform(6, 100, 4), 4);
        var found = new List<Neighbor>();

        new FlatIndex(source, Metric.InnerProduct).SearchRange(new float[] { 1, 2, 3, 4 }, DistanceBounds.All, default(AcceptAll), found);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), found.Select(n => n.Id).OrderBy(id => id));
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    [InlineData(Metric.InnerProduct)]
    public void SearchRange_allocates_nothing_when_the_list_has_room(Metric metric)
    {
        float[] data = RandomVectors.Uniform(seed: 510, 2000, 40);
        ulong[] present = RandomVectors.Presence(RandomVectors.Create(511), 2000, 0.9);
        var index = new FlatIndex(new ArrayVectorSource(data, 40, blockSize: 300, present: present), metric);
        float[] query = RandomVectors.Uniform(seed: 512, 1, 40);
        var found = new List<Neighbor>(2000);
        var bounds = new DistanceBounds(double.NegativeInfinity, true, 0.5, false);
        var filter = new SetFilter([.. Enumerable.Range(0, 2000).Where(i => i % 3 != 0).Select(i => (long)i)]);

        // The first call compiles the generic instantiation; the runtime may also allocate once
        // when it swaps in recompiled code, so the best of three attempts decides.
        index.SearchRange(query, bounds, filter, found);
        long best = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            found.Clear();
            long before = GC.GetAllocatedBytesForCurrentThread();
            index.SearchRange(query, bounds, filter, found);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, best);
    }

    [Theory]
    [InlineData(0.0, true, 0.0, true, false)]
    [InlineData(0.0, true, 0.0, false, true)]
    [InlineData(1.0, true, 0.5, true, true)]
    [InlineData(double.NaN, true, 1.0, true, true)]
    [InlineData(double.NegativeInfinity, true, double.PositiveInfinity, true, false)]
    public void IsEmpty_says_when_no_distance_can_be_within(double lower, bool lowerInclusive, double upper, bool upperInclusive, bool empty)
        => Assert.Equal(empty, new DistanceBounds(lower, lowerInclusive, upper, upperInclusive).IsEmpty);

    [Fact]
    public void Intersect_keeps_the_tighter_bound_and_excludes_an_end_either_side_excludes()
    {
        var a = new DistanceBounds(0.2, true, 0.5, true);
        var b = new DistanceBounds(0.2, false, 0.7, true);

        Assert.Equal(new DistanceBounds(0.2, false, 0.5, true), a.Intersect(b));
        Assert.Equal(new DistanceBounds(-0.5, true, -0.2, true), a.Negate());
    }
}
