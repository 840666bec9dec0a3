using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Distance;

/// <summary>What every <see cref="IScorer"/> shares once a score exists: whether it can be trusted, the score in double when it cannot, and the distance reported for it.</summary>
internal static class ScorerResults
{
    /// <summary>The score to rank by: <paramref name="score"/> itself when float32 kept its meaning, else the same comparison in double.</summary>
    /// <remarks>Call it only for scores that may enter a result: the check is cheap, the double pass is not.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exact<TScorer>(float score, ref byte query, ref byte vector, int dimensions)
        where TScorer : struct, IScorer =>
        ScoreReliability.IsReliable(TScorer.Metric, score) ? score : Precise<TScorer>(ref query, ref vector, dimensions);

    /// <summary>The distance reported for a score from <see cref="Exact{TScorer}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDistance<TScorer>(double score)
        where TScorer : struct, IScorer => DistanceKernels.ScoreToDistance(TScorer.Metric, score);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Precise<TScorer>(ref byte query, ref byte vector, int dimensions)
        where TScorer : struct, IScorer
    {
        ref float q = ref Unsafe.As<byte, float>(ref query);
        return TScorer.Element switch
        {
            VectorElement.Float32 => PreciseDistance.Score(TScorer.Metric, ref q, ref Unsafe.As<byte, float>(ref vector), dimensions),
            VectorElement.Float16 => PreciseDistance.Score(TScorer.Metric, ref q, ref Unsafe.As<byte, Half>(ref vector), dimensions),

            // Bit scores are counts, always reliable: this is never reached for them.
            _ => TScorer.Score(ref query, ref vector, dimensions, 0),
        };
    }
}
