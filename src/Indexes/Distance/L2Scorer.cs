using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float32 vectors by squared Euclidean distance and reports its square root.</summary>
internal readonly struct L2Scorer : IScorer
{
    public static Metric Metric => Metric.L2;

    public static VectorElement Element => VectorElement.Float32;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        SquaredL2.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        SquaredL2.ComputeFour(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref first), stride / sizeof(float), dimensions);
}
