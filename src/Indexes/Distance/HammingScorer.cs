using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores bit vectors against the packed query by the number of differing bits.</summary>
internal readonly struct HammingScorer : IScorer
{
    public static VectorElement Element => VectorElement.Bit;

    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref byte query, ref byte vector, int dimensions, double prepared) =>
        HammingDistance.Compute(ref Unsafe.As<byte, ulong>(ref query), ref Unsafe.As<byte, ulong>(ref vector), VectorElements.BitWords(dimensions));

    public static float ToDistance(float score) => score;
}
