using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float16 vectors against a float32 query by cosine distance, with the query's norm prepared once per search.</summary>
internal readonly struct Float16CosineScorer : IScorer
{
    public static Metric Metric => Metric.Cosine;

    public static VectorElement Element => VectorElement.Float16;

    public static double Prepare(ReadOnlySpan<float> query) => CosineDistance.QueryNorm(query);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        CosineDistance.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, Half>(ref vector), dimensions, prepared);

    // No four-vector kernel: the vectors are scored one by one.
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        Vector128.Create(
            Score(ref query, ref first, dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 2 * stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 3 * stride), dimensions, prepared));
}
