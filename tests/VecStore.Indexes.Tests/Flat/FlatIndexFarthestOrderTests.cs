using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexFarthestOrderTests
{
    public static TheoryData<int, Metric> Cases()
    {
        var data = new TheoryData<int, Metric>();
        for (int seed = 100; seed < 120; seed++)
        {
            data.Add(seed, Metric.L2);
            data.Add(seed, Metric.Cosine);
            data.Add(seed, Metric.InnerProduct);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchFarthest_matches_brute_force_in_descending_order(int seed, Metric metric)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed);
        var index = new FlatIndex(c.Source, metric, new FlatSearchOptions { MaxThreads = 1 });
        var results = new Neighbor[c.K];

        int written = c.Search(index, results, farthest: true);

        Assert.Equal(c.BruteForce(metric, farthest: true), results[..written]);
    }

    [Fact]
    public void SearchFarthest_breaks_ties_by_smaller_id()
    {
        // Positions 0 and 2 are the same vector, farthest from the query.
        float[] data = [3f, 0f, 1f, 0f, 3f, 0f];
        var index = new FlatIndex(new ArrayVectorSource(data, dimensions: 2, ids: [7, 9, 5]), Metric.L2);
        var results = new Neighbor[3];

        index.SearchFarthest([0f, 0f], default(AcceptAll), results);

        Assert.Equal([new Neighbor(5, 3f), new Neighbor(7, 3f), new Neighbor(9, 1f)], results);
    }
}
