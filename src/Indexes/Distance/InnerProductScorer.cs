using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores by the negated dot product, so that a larger product ranks nearer.</summary>
internal readonly struct InnerProductScorer : IScorer
{
    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref float query, ref float vector, int length, double prepared) =>
        -DotProduct.Compute(ref query, ref vector, length);

    public static float ToDistance(float score) => score;
}
