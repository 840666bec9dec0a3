using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexAgainstBruteForceTests
{
    public static TheoryData<int, Metric> Cases()
    {
        var data = new TheoryData<int, Metric>();
        for (int seed = 0; seed < 30; seed++)
        {
            data.Add(seed, Metric.L2);
            data.Add(seed, Metric.Cosine);
            data.Add(seed, Metric.InnerProduct);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_matches_brute_force_for_random_sources(int seed, Metric metric)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed);
        var index = new FlatIndex(c.Source, metric, new FlatSearchOptions { MaxThreads = 1 });
        var results = new Neighbor[c.K];

        int written = c.Search(index, results, farthest: false);

        Assert.Equal(c.BruteForce(metric, farthest: false), results[..written]);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    [InlineData(Metric.InnerProduct)]
    public void Search_puts_vectors_with_NaN_last(Metric metric)
    {
        float[] data = [1f, 1f, float.NaN, 0f, 2f, 2f, 0f, float.NaN];
        var index = new FlatIndex(new ArrayVectorSource(data, dimensions: 2), metric);
        var results = new Neighbor[4];

        int written = index.Search([1f, 0.5f], default(AcceptAll), results);

        Assert.Equal(4, written);
        Assert.Equal([1L, 3L], results[2..].Select(r => r.Id).Order());
        Assert.All(results[2..], r => Assert.True(double.IsNaN(r.Distance)));
    }

    [Fact]
    public void Search_writes_nothing_when_k_is_zero()
    {
        var index = new FlatIndex(new ArrayVectorSource([1f, 2f], dimensions: 2), Metric.L2);
        Assert.Equal(0, index.Search([0f, 0f], default(AcceptAll), Span<Neighbor>.Empty));
    }

    [Fact]
    public void Search_throws_when_query_length_differs_from_dimensions()
    {
        var index = new FlatIndex(new ArrayVectorSource([1f, 2f], dimensions: 2), Metric.L2);
        Assert.Throws<ArgumentException>(() => index.Search([0f, 0f, 0f], default(AcceptAll), new Neighbor[1]));
    }

    [Fact]
    public void Kind_is_flat() =>
        Assert.Equal("flat", new FlatIndex(new ArrayVectorSource([], dimensions: 4), Metric.Cosine).Kind);
}
