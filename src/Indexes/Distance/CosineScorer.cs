using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float32 vectors by cosine distance, with the query's norm prepared once per search.</summary>
internal readonly struct CosineScorer : IScorer
{
    public static Metric Metric => Metric.Cosine;

    public static VectorElement Element => VectorElement.Float32;

    public static double Prepare(ReadOnlySpan<float> query) => CosineDistance.QueryNorm(query);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        CosineDistance.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions, prepared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared)
    {
        ref float q = ref Unsafe.As<byte, float>(ref query);
        ref float v = ref Unsafe.As<byte, float>(ref first);
        nint floats = stride / sizeof(float);
        Vector128<float> front = CosineDistance.DotAndSquaredNormTwo(ref q, ref v, floats, dimensions);
        Vector128<float> back = CosineDistance.DotAndSquaredNormTwo(ref q, ref Unsafe.Add(ref v, 2 * floats), floats, dimensions);
        return Vector128.Create(
            CosineDistance.FromParts(front[0], prepared, front[1]),
            CosineDistance.FromParts(front[2], prepared, front[3]),
            CosineDistance.FromParts(back[0], prepared, back[1]),
            CosineDistance.FromParts(back[2], prepared, back[3]));
    }
}
