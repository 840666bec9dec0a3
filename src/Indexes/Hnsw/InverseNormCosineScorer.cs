using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

/// <summary>Cosine distance for graph walks over float32 records that carry their vector's inverse norm right after the vector.</summary>
/// <remarks>
/// One dot product per comparison instead of a dot product and a squared norm: the stored
/// vector's norm is computed once when the node is written, the query's once per search. The
/// score orders like the cosine distance but may differ from it in the last bits, so the graph
/// rescores its final results with <see cref="CosineScorer"/>: reported distances stay exactly
/// what <see cref="DistanceKernels"/> gives.
/// </remarks>
internal readonly struct InverseNormCosineScorer : IScorer
{
    public static Metric Metric => Metric.Cosine;

    public static VectorElement Element => VectorElement.Float32;

    /// <summary>The query's inverse norm; 0 for a zero query, whose cosine distance to anything is 1.</summary>
    public static double Prepare(ReadOnlySpan<float> query) => InverseNorm(query);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared)
    {
        float dot = DotProduct.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions);
        float inverse = Unsafe.ReadUnaligned<float>(ref Unsafe.Add(ref vector, dimensions * sizeof(float)));
        return 1f - (dot * (float)prepared * inverse);
    }

    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        Vector128.Create(
            Score(ref query, ref first, dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 2 * stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 3 * stride), dimensions, prepared));


    /// <summary>1 / |v|, or 0 for the zero vector.</summary>
    public static float InverseNorm(ReadOnlySpan<float> vector)
    {
        double norm = CosineDistance.QueryNorm(vector);
        return norm > 0 ? (float)(1.0 / norm) : 0f;
    }
}
