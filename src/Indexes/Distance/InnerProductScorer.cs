using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float32 vectors by the negated dot product, so that a larger product ranks nearer.</summary>
internal readonly struct InnerProductScorer : IScorer
{
    public static Metric Metric => Metric.InnerProduct;

    public static VectorElement Element => VectorElement.Float32;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        -DotProduct.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        -DotProduct.ComputeFour(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref first), stride / sizeof(float), dimensions);
}
