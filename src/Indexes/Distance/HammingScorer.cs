using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Scores bit vectors against the packed query by the number of differing bits.</summary>
internal readonly struct HammingScorer : IScorer
{
    public static Metric Metric => Metric.Hamming;

    public static VectorElement Element => VectorElement.Bit;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        HammingDistance.Compute(ref Unsafe.As<byte, ulong>(ref query), ref Unsafe.As<byte, ulong>(ref vector), VectorElements.BitWords(dimensions));

    // No four-vector kernel: the vectors are scored one by one.
    public static Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared) =>
        Vector128.Create(
            Score(ref query, ref first, dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 2 * stride), dimensions, prepared),
            Score(ref query, ref Unsafe.Add(ref first, 3 * stride), dimensions, prepared));
}
