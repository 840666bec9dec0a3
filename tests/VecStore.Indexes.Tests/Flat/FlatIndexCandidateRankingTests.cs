using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexCandidateRankingTests
{
    public static TheoryData<int, Metric, bool> Cases()
    {
        var data = new TheoryData<int, Metric, bool>();
        for (int seed = 400; seed < 410; seed++)
        {
            data.Add(seed, Metric.L2, seed % 2 == 0);
            data.Add(seed, Metric.Cosine, seed % 2 == 1);
            data.Add(seed, Metric.InnerProduct, seed % 3 == 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SearchCandidates_matches_brute_force_over_the_candidates(int seed, Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed, maxCount: 800);
        Random random = RandomVectors.Create(seed + 1);

        // A candidate list as a WHERE clause would give: some stored ids, including absent
        // positions, plus ids that do not exist.
        var positions = Enumerable.Range(0, c.Count).Where(_ => random.NextDouble() < 0.3).ToList();
        long[] candidates = positions.Select(i => c.Ids[i]).Concat([long.MinValue, 4_000_000_000_001]).OrderBy(_ => random.Next()).ToArray();
        int k = random.Next(0, positions.Count + 5);
        var index = new FlatIndex(c.Source, metric);
        var results = new Neighbor[k];

        int written = farthest
            ? index.SearchCandidatesFarthest(c.Query, candidates, results)
            : index.SearchCandidates(c.Query, candidates, results);

        Assert.Equal(c.BruteForce(metric, farthest, positions.Where(i => c.Present[i]), k), results[..written]);
    }

    [Fact]
    public void SearchCandidates_throws_when_source_returns_wrong_length()
    {
        var index = new FlatIndex(new WrongLengthSource(), Metric.Cosine);
        Assert.Throws<ArgumentException>(() => index.SearchCandidates([1f, 2f], [1], new Neighbor[1]));
    }

    private sealed class WrongLengthSource : IVectorSource
    {
        public int Dimensions => 2;

        public int BlockCount => 0;

        public VectorBlock GetBlock(int index) => throw new ArgumentOutOfRangeException(nameof(index));

        public ReadOnlySpan<byte> GetVectorData(long id) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(GetVector(id));

        public ReadOnlySpan<float> GetVector(long id) => new float[3];
    }
}
