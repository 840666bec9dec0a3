using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>The centroids of a coarse quantizer, with the nearest-centroid searches that training, adding and probing share.</summary>
/// <remarks>
/// A centroid is ranked by <c>‖c‖² − 2·q·c</c>, which orders centroids as the squared Euclidean
/// distance does (the ‖q‖² term is the same for all) at the cost of one dot product. For the
/// angular metrics the centroids are unit vectors, so the same rank orders them by descending
/// q·c, that is by cosine: one code path serves L2, cosine and inner product.
/// Immutable after construction; safe for concurrent readers.
/// </remarks>
internal sealed class CentroidSet
{
    private readonly float[] _centroids;
    private readonly float[] _squaredNorms;

    /// <summary>Wraps <paramref name="centroids"/>, <c>count × dimensions</c> floats, in place.</summary>
    public CentroidSet(float[] centroids, int dimensions)
    {
        Dimensions = dimensions;
        Count = centroids.Length / dimensions;
        _centroids = centroids;
        _squaredNorms = new float[Count];
        for (int c = 0; c < Count; c++)
        {
            ReadOnlySpan<float> centroid = Centroid(c);
            _squaredNorms[c] = DotProduct.Compute(centroid, centroid);
        }
    }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>All centroids back to back.</summary>
    public ReadOnlySpan<float> All => _centroids;

    public long MemoryBytes => (_centroids.Length + _squaredNorms.Length) * (long)sizeof(float);

    public ReadOnlySpan<float> Centroid(int index) => _centroids.AsSpan(index * Dimensions, Dimensions);

    /// <summary>The index of the centroid nearest to <paramref name="vector"/> (the smaller index on a tie).</summary>
    public int Nearest(ReadOnlySpan<float> vector)
    {
        int d = Dimensions;
        ref float v = ref MemoryMarshal.GetReference(vector);
        ref float first = ref MemoryMarshal.GetArrayDataReference(_centroids);
        float best = float.PositiveInfinity;
        int bestIndex = 0;
        int c = 0;
        for (; c + 4 <= Count; c += 4)
        {
            Vector128<float> dots = DotProduct.ComputeFour(ref v, ref Unsafe.Add(ref first, (nint)c * d), d, d);
            for (int j = 0; j < 4; j++)
            {
                float rank = _squaredNorms[c + j] - (2 * dots[j]);
                if (rank < best)
                {
                    best = rank;
                    bestIndex = c + j;
                }
            }
        }

        for (; c < Count; c++)
        {
            float rank = _squaredNorms[c] - (2 * DotProduct.Compute(ref v, ref Unsafe.Add(ref first, (nint)c * d), d));
            if (rank < best)
            {
                best = rank;
                bestIndex = c;
            }
        }

        return bestIndex;
    }

    /// <summary>Writes the indexes of the <c>nearest.Length</c> centroids nearest to <paramref name="query"/>, nearest first; returns how many.</summary>
    /// <param name="heap">Scratch for the selection, at least <c>nearest.Length</c> long.</param>
    public int NearestMany(ReadOnlySpan<float> query, Span<int> nearest, Span<Neighbor> heap)
    {
        int d = Dimensions;
        var top = new TopK(heap[..nearest.Length]);
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float first = ref MemoryMarshal.GetArrayDataReference(_centroids);
        int c = 0;
        for (; c + 4 <= Count; c += 4)
        {
            Vector128<float> dots = DotProduct.ComputeFour(ref q, ref Unsafe.Add(ref first, (nint)c * d), d, d);
            for (int j = 0; j < 4; j++)
            {
                top.TryAdd(c + j, _squaredNorms[c + j] - (2 * dots[j]));
            }
        }

        for (; c < Count; c++)
        {
            top.TryAdd(c, _squaredNorms[c] - (2 * DotProduct.Compute(ref q, ref Unsafe.Add(ref first, (nint)c * d), d)));
        }

        int written = top.CopySortedTo(heap);
        for (int i = 0; i < written; i++)
        {
            nearest[i] = (int)heap[i].Id;
        }

        return written;
    }
}
