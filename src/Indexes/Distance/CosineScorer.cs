using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores by cosine distance, with the query's norm prepared once per search.</summary>
internal readonly struct CosineScorer : IScorer
{
    public static double Prepare(ReadOnlySpan<float> query) => CosineDistance.QueryNorm(query);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref float query, ref float vector, int length, double prepared) =>
        CosineDistance.Compute(ref query, ref vector, length, prepared);

    public static float ToDistance(float score) => score;
}
