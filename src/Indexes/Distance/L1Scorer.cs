using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores float32 vectors by the sum of absolute differences.</summary>
internal readonly struct L1Scorer : IScorer
{
    public static Metric Metric => Metric.L1;

    public static VectorElement Element => VectorElement.Float32;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        L1Distance.Compute(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref vector), dimensions);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        L1Distance.ComputeFour(ref Unsafe.As<byte, float>(ref query), ref Unsafe.As<byte, float>(ref first), stride / sizeof(float), dimensions);
}
