using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>Seeded clustered vectors in one element format, with queries and the brute-force answers to judge an HNSW index by.</summary>
internal sealed class HnswTestSet
{
    private HnswTestSet(VectorElement element, Metric metric, int dimensions, float[][] vectors, float[][] queries)
    {
        Element = element;
        Metric = metric;
        Dimensions = dimensions;
        Vectors = vectors;
        Queries = queries;
        VectorBytes = VectorElements.BytesPerVector(element, dimensions);
        Data = new byte[vectors.Length * VectorBytes];
        for (int i = 0; i < vectors.Length; i++)
        {
            Encode(vectors[i], Data.AsSpan(i * VectorBytes, VectorBytes));
        }
    }

    public VectorElement Element { get; }

    public Metric Metric { get; }

    public int Dimensions { get; }

    /// <summary>The vectors as floats (0 or 1 per bit for bit vectors); vector i has id i.</summary>
    public float[][] Vectors { get; }

    public float[][] Queries { get; }

    public int VectorBytes { get; }

    /// <summary>The vectors back to back in the element format.</summary>
    public byte[] Data { get; }

    public int Count => Vectors.Length;

    /// <summary>Gaussian clusters (bits flipped around random centres for bit vectors); queries come from the same clusters.</summary>
    public static HnswTestSet Create(int seed, VectorElement element, Metric metric, int count = 2000, int dimensions = 32, int queries = 50, int clusters = 20)
    {
        Random random = RandomVectors.Create(seed);
        if (element == VectorElement.Bit)
        {
            dimensions = Math.Max(dimensions, 128);
        }

        var centres = new float[clusters][];
        for (int c = 0; c < clusters; c++)
        {
            centres[c] = new float[dimensions];
            for (int d = 0; d < dimensions; d++)
            {
                centres[c][d] = element == VectorElement.Bit ? random.Next(2) : (float)((random.NextDouble() * 4) - 2);
            }
        }

        float[] Draw()
        {
            float[] centre = centres[random.Next(clusters)];
            var v = new float[dimensions];
            for (int d = 0; d < dimensions; d++)
            {
                v[d] = element == VectorElement.Bit
                    ? (random.NextDouble() < 0.15 ? 1 - centre[d] : centre[d])
                    : centre[d] + (float)(Gaussian(random) * 0.5);
            }

            return v;
        }

        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = Draw();
        }

        float[][] q = new float[queries][];
        for (int i = 0; i < queries; i++)
        {
            q[i] = Draw();
        }

        return new HnswTestSet(element, metric, dimensions, vectors, q);
    }

    /// <summary>Writes <paramref name="vector"/> in the element format.</summary>
    public void Encode(float[] vector, Span<byte> destination)
    {
        switch (Element)
        {
            case VectorElement.Float32:
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(destination);
                break;
            case VectorElement.Float16:
                Span<Half> halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(destination);
                for (int d = 0; d < vector.Length; d++)
                {
                    halves[d] = (Half)vector[d];
                }

                break;
            default:
                VectorElements.PackBits(vector, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(destination));
                break;
        }
    }

    public byte[] Encode(float[] vector)
    {
        var bytes = new byte[VectorBytes];
        Encode(vector, bytes);
        return bytes;
    }

    public ReadOnlySpan<byte> Stored(int i) => Data.AsSpan(i * VectorBytes, VectorBytes);

    public ArrayVectorSource Source() => new(Data, Element, Dimensions);

    public HnswIndex Build(HnswOptions? options = null)
    {
        var index = new HnswIndex(Element, Dimensions, Metric, options ?? new HnswOptions { MaxThreads = 1 });
        index.Build(Source());
        return index;
    }

    /// <summary>The exact <paramref name="k"/> nearest ids among those <paramref name="include"/> accepts.</summary>
    public long[] Exact(float[] query, int k, Func<long, bool>? include = null)
    {
        var all = new List<Neighbor>(Count);
        for (int i = 0; i < Count; i++)
        {
            if (include is null || include(i))
            {
                all.Add(new Neighbor(i, DistanceKernels.Distance(Metric, query, Stored(i), Element)));
            }
        }

        all.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return all.Take(k).Select(n => n.Id).ToArray();
    }

    /// <summary>Mean recall@k over the queries, asserting on the way that every result has its exact distance and that results come nearest first.</summary>
    public double Recall<TFilter>(HnswIndex index, int k, int ef, TFilter filter, Func<long, bool>? include = null)
        where TFilter : struct, IRowFilter
    {
        double hits = 0;
        var results = new Neighbor[k];
        foreach (float[] query in Queries)
        {
            int written = index.Search(query, filter, results, new HnswSearchOptions(ef));
            long[] truth = Exact(query, k, include);
            for (int i = 0; i < written; i++)
            {
                Neighbor n = results[i];
                Assert.Equal(DistanceKernels.Distance(Metric, query, index.GetVectorData(n.Id), Element), n.Distance);
                if (i > 0)
                {
                    Assert.True(results[i - 1].Distance <= n.Distance, "results must come nearest first");
                }

                if (truth.Contains(n.Id))
                {
                    hits++;
                }
            }
        }

        return hits / (Queries.Length * (double)k);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
