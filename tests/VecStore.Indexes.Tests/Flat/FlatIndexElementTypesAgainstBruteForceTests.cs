using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>Float16 and bit sources, and the L1 metric, searched and ranked exactly as brute force does.</summary>
public sealed class FlatIndexElementTypesAgainstBruteForceTests
{
    private static readonly (VectorElement Element, Metric Metric)[] Pairs =
    [
        (VectorElement.Float32, Metric.L1),
        (VectorElement.Float16, Metric.L2),
        (VectorElement.Float16, Metric.Cosine),
        (VectorElement.Float16, Metric.InnerProduct),
        (VectorElement.Float16, Metric.L1),
        (VectorElement.Bit, Metric.Hamming),
        (VectorElement.Bit, Metric.Jaccard),
    ];

    public static TheoryData<int, VectorElement, Metric, bool> Cases()
    {
        var data = new TheoryData<int, VectorElement, Metric, bool>();
        for (int seed = 600; seed < 612; seed++)
        {
            foreach ((VectorElement element, Metric metric) in Pairs)
            {
                data.Add(seed, element, metric, seed % 3 == 0);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_matches_brute_force(int seed, VectorElement element, Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed, maxCount: 1200, maxDimensions: element == VectorElement.Bit ? 700 : 200, element);
        var index = new FlatIndex(c.Source, metric, new FlatSearchOptions { MaxThreads = 1 });
        var results = new Neighbor[c.K];

        int written = c.Search(index, results, farthest);

        Assert.Equal(c.BruteForce(metric, farthest), results[..written]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_on_several_threads_equals_brute_force(int seed, VectorElement element, Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed + 1000, maxCount: 2000, maxDimensions: 64, element);
        var index = new FlatIndex(c.Source, metric);
        var results = new Neighbor[c.K];

        int written = c.Search(index, results, farthest, new FlatSearchOptions { MaxThreads = 3, ParallelThreshold = 0 });

        Assert.Equal(c.BruteForce(metric, farthest), results[..written]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchCandidates_matches_brute_force_over_the_candidates(int seed, VectorElement element, Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed + 2000, maxCount: 600, maxDimensions: 150, element);
        Random random = RandomVectors.Create(seed);
        var positions = Enumerable.Range(0, c.Count).Where(_ => random.NextDouble() < 0.4).ToList();
        long[] candidates = positions.Select(i => c.Ids[i]).Append(long.MaxValue).OrderBy(_ => random.Next()).ToArray();
        int k = random.Next(0, positions.Count + 3);
        var index = new FlatIndex(c.Source, metric);
        var results = new Neighbor[k];

        int written = farthest
            ? index.SearchCandidatesFarthest(c.Query, candidates, results)
            : index.SearchCandidates(c.Query, candidates, results);

        Assert.Equal(c.BruteForce(metric, farthest, positions.Where(i => c.Present[i]), k), results[..written]);
    }
}
