using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>A random source (element type, dimensions, block size, ids, presence, filter, k) and its brute-force answers.</summary>
internal sealed class RandomSourceCase
{
    private RandomSourceCase(int seed, VectorElement element, byte[] data, int dimensions, long[] ids, bool[] present, HashSet<long>? accepted, float[] query, int k, ArrayVectorSource source)
    {
        Seed = seed;
        Element = element;
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

    public VectorElement Element { get; }

    /// <summary>The vectors back to back in the element format.</summary>
    public byte[] Data { get; }

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

    public int VectorBytes => VectorElements.BytesPerVector(Element, Dimensions);

    public override string ToString() =>
        $"seed {Seed}: {Count} x {Dimensions} {Element}, block {Source.BlockSize}, k {K}, filter {(Accepted is null ? "none" : Accepted.Count.ToString())}";

    /// <summary>Builds a case from <paramref name="seed"/>; sizes are drawn up to the given limits.</summary>
    public static RandomSourceCase Create(int seed, int maxCount = 1500, int maxDimensions = 300, VectorElement element = VectorElement.Float32)
    {
        Random random = RandomVectors.Create(seed);
        int dimensions = random.Next(1, maxDimensions + 1);
        int count = random.Next(0, maxCount + 1);
        int blockSize = random.Next(1, 400);
        int vectorBytes = VectorElements.BytesPerVector(element, dimensions);
        byte[] data = RandomData(random, element, count, dimensions);

        // Exact copies of earlier vectors give equal distances, so ties must break by id.
        for (int i = 1; i < count; i++)
        {
            if (random.NextDouble() < 0.1)
            {
                int from = random.Next(i);
                Array.Copy(data, from * vectorBytes, data, i * vectorBytes, vectorBytes);
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
            ? QueryFromStored(element, data.AsSpan(random.Next(count) * vectorBytes, vectorBytes), dimensions)
            : RandomQuery(random, element, dimensions);
        int k = random.Next(4) == 0 ? random.Next(0, count + 10) : random.Next(0, 20);

        // Distances must not depend on where a vector lies in memory, so half the cases scan an aligned copy.
        ArrayVectorSource source = (random.Next(2), element) switch
        {
            (0, VectorElement.Float32) => new ArrayVectorSource(MemoryMarshal.Cast<byte, float>(data).ToArray(), dimensions, blockSize, explicitIds, presence, firstId),
            (0, _) => new ArrayVectorSource(data, element, dimensions, blockSize, explicitIds, presence, firstId),
            _ => ArrayVectorSource.CopyAligned(data, element, dimensions, blockSize, explicitIds, presence, firstId),
        };
        return new RandomSourceCase(seed, element, data, dimensions, ids, present, accepted, query, k, source);
    }

    /// <summary><paramref name="count"/> random vectors in the element format: floats uniform in [-1, 1) for float types, bits of a random density.</summary>
    public static byte[] RandomData(Random random, VectorElement element, int count, int dimensions)
    {
        switch (element)
        {
            case VectorElement.Float32:
                return MemoryMarshal.AsBytes(RandomVectors.Uniform(random, count, dimensions).AsSpan()).ToArray();
            case VectorElement.Float16:
                Half[] halves = Array.ConvertAll(RandomVectors.Uniform(random, count, dimensions), x => (Half)x);
                return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
            default:
                double density = random.NextDouble();
                int words = VectorElements.BitWords(dimensions);
                var bits = new ulong[count * words];
                for (int i = 0; i < count; i++)
                {
                    for (int b = 0; b < dimensions; b++)
                    {
                        if (random.NextDouble() < density)
                        {
                            bits[(i * words) + (b / 64)] |= 1UL << (b % 64);
                        }
                    }
                }

                return MemoryMarshal.AsBytes(bits.AsSpan()).ToArray();
        }
    }

    /// <summary>A random query for a source of <paramref name="element"/> vectors: floats in [-1, 1), or 0/1 per bit.</summary>
    public static float[] RandomQuery(Random random, VectorElement element, int dimensions) =>
        element == VectorElement.Bit
            ? Enumerable.Range(0, dimensions).Select(_ => (float)random.Next(2)).ToArray()
            : RandomVectors.Uniform(random, 1, dimensions);

    /// <summary>A stored vector as a float32 query.</summary>
    public static float[] QueryFromStored(VectorElement element, ReadOnlySpan<byte> stored, int dimensions)
    {
        switch (element)
        {
            case VectorElement.Float32:
                return MemoryMarshal.Cast<byte, float>(stored).ToArray();
            case VectorElement.Float16:
                return Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(stored).ToArray(), h => (float)h);
            default:
                ulong[] words = MemoryMarshal.Cast<byte, ulong>(stored).ToArray();
                return Enumerable.Range(0, dimensions).Select(i => (float)((words[i / 64] >> (i % 64)) & 1)).ToArray();
        }
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
            .Select(i => (Id: Ids[i], Vector: Data.AsSpan(i * VectorBytes, VectorBytes).ToArray()))
            .Select(v => (v.Id, v.Vector, Score: DistanceKernels.Score(metric, Query, v.Vector, Element)))
            .ToList();

        // Scores, not reported distances, decide the order: for L2 two squared distances can
        // round to the same square root and must still rank by the exact squared value.
        return scored
            .OrderBy(s => float.IsNaN(s.Score))
            .ThenBy(s => farthest ? -s.Score : s.Score)
            .ThenBy(s => s.Id)
            .Take(k)
            .Select(s => new Neighbor(s.Id, DistanceKernels.Distance(metric, Query, s.Vector, Element)))
            .ToArray();
    }
}
