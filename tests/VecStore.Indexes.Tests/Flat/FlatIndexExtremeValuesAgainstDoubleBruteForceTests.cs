using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>
/// Exact search over vectors at float32's edges (near its largest values, subnormal, mixed) returns
/// what a brute force in double returns, for every float metric, float32 and float16 storage, and
/// every way of searching: nearest, farthest, a candidate list, a range, a batch, one distance.
/// </summary>
public sealed class FlatIndexExtremeValuesAgainstDoubleBruteForceTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (Metric metric in new[] { Metric.L2, Metric.Cosine, Metric.InnerProduct, Metric.L1 })
            foreach (VectorElement element in new[] { VectorElement.Float32, VectorElement.Float16 })
                for (int seed = 1; seed <= 6; seed++)
                    yield return [metric, element, seed];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_search_matches_double_brute_force(Metric metric, VectorElement element, int seed)
    {
        var random = new Random((seed * 31) + (int)metric + (10 * (int)element));
        int dimensions = random.Next(1, 24);
        int count = random.Next(20, 300);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
            vectors[i] = Stored(random, element, dimensions);
        var source = new ArrayVectorSource(Encode(vectors, element), element, dimensions, blockSize: random.Next(7, 64));
        var index = new FlatIndex(source, metric);
        var queries = new float[5][];
        for (int q = 0; q < queries.Length; q++)
            queries[q] = random.Next(3) == 0 ? RandomVectors.Uniform(random, 1, dimensions) : ExtremeFloats.Vector(random, dimensions);
        int k = random.Next(1, 12);
        string context = $"{metric} {element} seed {seed}, d {dimensions}, n {count}, k {k}";

        foreach (float[] query in queries)
        {
            var exact = Exact(metric, vectors, query);
            var results = new Neighbor[k];
            int n = index.Search(query, default(AcceptAll), results);
            AssertRanked(exact, results.AsSpan(0, n), nearest: true, context + " nearest");
            n = index.SearchFarthest(query, default(AcceptAll), results);
            AssertRanked(exact, results.AsSpan(0, n), nearest: false, context + " farthest");

            long[] subset = [.. Enumerable.Range(0, count).Where(_ => random.Next(2) == 0).Select(i => (long)i)];
            n = index.SearchCandidates(query, subset, results);
            AssertRanked(exact.Where(e => subset.Contains(e.Id)).ToList(), results.AsSpan(0, n), nearest: true, context + " candidates");

            foreach (var (id, distance, _) in exact)
            {
                double reported = DistanceKernels.Distance(metric, query, source.GetVectorData(id), element);
                Assert.True(PreciseDistances.Close(reported, distance, exact[(int)id].Scale), $"{context}: distance to {id} is {reported:R}, in double {distance:R}");
            }

            AssertRange(index, exact, query, random, context);
        }

        var batch = new Neighbor[queries.Length * k];
        var found = new int[queries.Length];
        index.SearchBatch(queries.SelectMany(q => q).ToArray(), queries.Length, default(AcceptAll), batch, k, found);
        for (int q = 0; q < queries.Length; q++)
            AssertRanked(Exact(metric, vectors, queries[q]), batch.AsSpan(q * k, found[q]), nearest: true, $"{context} batch query {q}");
    }

    /// <summary>The first stored vectors are extreme, the rest ordinary; float16 storage keeps to values a half holds.</summary>
    private static float[] Stored(Random random, VectorElement element, int dimensions)
    {
        if (random.Next(3) == 0)
            return element == VectorElement.Float32 ? RandomVectors.Uniform(random, 1, dimensions) : Array.ConvertAll(RandomVectors.Uniform(random, 1, dimensions), x => (float)(Half)x);
        if (element == VectorElement.Float32)
            return ExtremeFloats.Vector(random, dimensions);
        var v = new float[dimensions];
        int kind = random.Next(3);
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)(Half)(kind switch { 0 => ExtremeFloats.Magnitude(random, 3, 4.8), 1 => ExtremeFloats.Magnitude(random, -7.7, -4.8), _ => ExtremeFloats.Magnitude(random, -7.7, 4.8) });
        return v;
    }

    private static byte[] Encode(float[][] vectors, VectorElement element) => element == VectorElement.Float32
        ? MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray()
        : MemoryMarshal.AsBytes(vectors.SelectMany(v => v).Select(x => (Half)x).ToArray().AsSpan()).ToArray();

    /// <summary>Every vector's double distance and scale, by id; a cosine with a zero vector is 1, as VecStore defines it.</summary>
    private static List<(long Id, double Distance, double Scale)> Exact(Metric metric, float[][] vectors, float[] query)
    {
        string name = metric switch { Metric.L2 => "l2", Metric.Cosine => "cosine", Metric.InnerProduct => "ip", _ => "l1" };
        var exact = new List<(long, double, double)>(vectors.Length);
        for (int i = 0; i < vectors.Length; i++)
        {
            var (distance, scale) = PreciseDistances.Of(name, query, vectors[i]);
            exact.Add((i, double.IsNaN(distance) ? 1.0 : distance, scale));
        }
        return exact;
    }

    /// <summary>Rank by rank, the reported distances are the double ones, and each id lies at its reported distance.</summary>
    private static void AssertRanked(List<(long Id, double Distance, double Scale)> exact, ReadOnlySpan<Neighbor> actual, bool nearest, string context)
    {
        var sorted = nearest ? exact.OrderBy(e => e.Distance).ToList() : exact.OrderByDescending(e => e.Distance).ToList();
        Assert.True(Math.Min(sorted.Count, actual.Length) == actual.Length, $"{context}: {actual.Length} results of {sorted.Count} vectors");
        var byId = exact.ToDictionary(e => e.Id);
        for (int i = 0; i < actual.Length; i++)
        {
            var own = byId[actual[i].Id];
            double scale = Math.Max(own.Scale, sorted[i].Scale);
            Assert.True(PreciseDistances.Close(actual[i].Distance, sorted[i].Distance, scale),
                $"{context}: rank {i} reported {actual[i].Distance:R} (id {actual[i].Id}), brute force in double {sorted[i].Distance:R} (id {sorted[i].Id})");
            Assert.True(PreciseDistances.Close(actual[i].Distance, own.Distance, own.Scale),
                $"{context}: id {actual[i].Id} reported at {actual[i].Distance:R} but lies at {own.Distance:R}");
        }
    }

    /// <summary>A range between two of the true distances holds every vector clearly inside it and none clearly outside.</summary>
    private static void AssertRange(FlatIndex index, List<(long Id, double Distance, double Scale)> exact, float[] query, Random random, string context)
    {
        var sorted = exact.OrderBy(e => e.Distance).ToList();
        double low = sorted[random.Next(sorted.Count / 3)].Distance, high = sorted[random.Next(sorted.Count / 3, sorted.Count)].Distance;
        var found = new List<Neighbor>();
        index.SearchRange(query, new DistanceBounds(low, true, high, true), default(AcceptAll), found);
        var returned = found.Select(n => n.Id).ToHashSet();
        foreach (var (id, distance, scale) in exact)
        {
            double margin = PreciseDistances.Tolerance(scale);
            if (distance > low + margin && distance < high - margin)
                Assert.True(returned.Contains(id), $"{context}: range [{low:R}, {high:R}] misses {id} at {distance:R}");
            if (distance < low - margin || distance > high + margin)
                Assert.False(returned.Contains(id), $"{context}: range [{low:R}, {high:R}] holds {id} at {distance:R}");
        }
    }
}
