using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>A random source (dimensions, block size, ids, presence, filter, k) and its brute-force answers.</summary>
internal sealed class RandomSourceCase
{
    private RandomSourceCase(int seed, float[] data, int dimensions, long[] ids, bool[] present, HashSet<long>? accepted, float[] query, int k, ArrayVectorSource source)
    {
        Seed = seed;
        Data = data;
        Dimensions = dimensions;
        Ids = ids;
        Present = present;
        Accepted = accepted;
        Query = query;
        K = k;
        Source = source;
    }

    public int Seed { get; }

    public float[] Data { get; }

    public int Dimensions { get; }

    /// <summary>The id of each position.</summary>
    public long[] Ids { get; }

    /// <summary>Whether each position holds a vector.</summary>
    public bool[] Present { get; }

    /// <summary>The ids the filter accepts, or null for no filter.</summary>
    public HashSet<long>? Accepted { get; }

    public float[] Query { get; }

    public int K { get; }

    public ArrayVectorSource Source { get; }

    public int Count => Ids.Length;

    public override string ToString() =>
        $"seed {Seed}: {Count} x {Dimensions}, block {Source.BlockSize}, k {K}, filter {(Accepted is null ? "none" : Accepted.Count.ToString())}";

    /// <summary>Builds a case from <paramref name="seed"/>; sizes are drawn up to the given limits.</summary>
    public static RandomSourceCase Create(int seed, int maxCount = 1500, int maxDimensions = 300)
    {
        Random random = RandomVectors.Create(seed);
        int dimensions = random.Next(1, maxDimensions + 1);
        int count = random.Next(0, maxCount + 1);
        int blockSize = random.Next(1, 400);
        float[] data = RandomVectors.Uniform(random, count, dimensions);

        // Exact copies of earlier vectors give equal distances, so ties must break by id.
        for (int i = 1; i < count; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                int from = random.Next(i);
                Array.Copy(data, from * dimensions, data, i * dimensions, dimensions);
            }
        }

        long firstId = random.NextInt64(-1_000_000, 1_000_000);
        long[]? explicitIds = random.Next(2) == 0 ? RandomVectors.DistinctIds(random, count) : null;
        long[] ids = explicitIds ?? Enumerable.Range(0, count).Select(i => firstId + i).ToArray();

        // No bitmap, a sparse one, or a nearly full one (whole-word fast path).
        ulong[]? presence = random.Next(3) switch
        {
            0 => null,
            1 => RandomVectors.Presence(random, count, random.NextDouble()),
            _ => RandomVectors.Presence(random, count, 0.995),
        };
        bool[] present = Enumerable.Range(0, count).Select(i => presence is null || (presence[i / 64] & (1UL << (i % 64))) != 0).ToArray();

        HashSet<long>? accepted = null;
        if (random.Next(2) == 0)
        {
            double rate = random.NextDouble();
            accepted = ids.Where(_ => random.NextDouble() < rate).ToHashSet();
        }

        float[] query = count > 0 && random.Next(4) == 0
            ? data.AsSpan(random.Next(count) * dimensions, dimensions).ToArray()
            : RandomVectors.Uniform(random, 1, dimensions);
        int k = random.Next(4) == 0 ? random.Next(0, count + 10) : random.Next(0, 20);

        // Distances must not depend on where a vector lies in memory, so half the cases scan an aligned copy.
        ArrayVectorSource source = random.Next(2) == 0
            ? new ArrayVectorSource(data, dimensions, blockSize, explicitIds, presence, firstId)
            : ArrayVectorSource.CopyAligned(data, dimensions, blockSize, explicitIds, presence, firstId);
        return new RandomSourceCase(seed, data, dimensions, ids, present, accepted, query, k, source);
    }

    /// <summary>Runs the index's search with this case's filter.</summary>
    public int Search(FlatIndex index, Span<Neighbor> results, bool farthest, FlatSearchOptions? options = null)
    {
        options ??= index.Options;
        if (Accepted is null)
        {
            return farthest ? index.SearchFarthest(Query, default(AcceptAll), results, options) : index.Search(Query, default(AcceptAll), results, options);
        }

        var filter = new SetFilter(Accepted);
        return farthest ? index.SearchFarthest(Query, filter, results, options) : index.Search(Query, filter, results, options);
    }

    /// <summary>The answer by brute force: score every present, accepted vector, sort all by (score, id), take k.</summary>
    public Neighbor[] BruteForce(Metric metric, bool farthest) =>
        BruteForce(metric, farthest, Enumerable.Range(0, Count).Where(i => Present[i] && (Accepted is null || Accepted.Contains(Ids[i]))), K);

    /// <summary>The brute-force answer over the given positions only.</summary>
    public Neighbor[] BruteForce(Metric metric, bool farthest, IEnumerable<int> positions, int k)
    {
        var scored = positions
            .Select(i => (Id: Ids[i], Vector: Data.AsSpan(i * Dimensions, Dimensions).ToArray()))
            .Select(v => (v.Id, v.Vector, Score: DistanceKernels.Score(metric, Query, v.Vector)))
            .ToList();

        // Scores, not reported distances, decide the order: for L2 two squared distances can
        // round to the same square root and must still rank by the exact squared value.
        return scored
            .OrderBy(s => float.IsNaN(s.Score))
            .ThenBy(s => farthest ? -s.Score : s.Score)
            .ThenBy(s => s.Id)
            .Take(k)
            .Select(s => new Neighbor(s.Id, DistanceKernels.Distance(metric, Query, s.Vector)))
            .ToArray();
    }
}
