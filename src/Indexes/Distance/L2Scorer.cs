using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>Scores by squared Euclidean distance and reports its square root.</summary>
internal readonly struct L2Scorer : IScorer
{
    public static double Prepare(ReadOnlySpan<float> query) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ref float query, ref float vector, int length, double prepared) =>
        SquaredL2.Compute(ref query, ref vector, length);

    public static float ToDistance(float score) => MathF.Sqrt(score);
}
