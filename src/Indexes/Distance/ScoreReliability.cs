namespace VecStore.Indexes.Distance;

/// <summary>Says when a float32 score keeps its meaning, and when it must be computed again in double (<see cref="PreciseDistance"/>).</summary>
/// <remarks>
/// <para>
/// Float32 kernels are exact enough for any order as long as nothing overflows or underflows: a
/// squared distance of vectors 3e19 apart is 9e38, past float32's 3.4e38, and becomes infinity, so
/// such vectors all tie; a squared difference below 1e-45 becomes zero, so distinct subnormal
/// vectors all lie at distance 0. A score is unreliable here when that may have happened:
/// </para>
/// <list type="bullet">
/// <item>L2: the squared distance is infinite, or below <see cref="Tiny"/> (where squared terms may
/// have underflowed; an exact 0 included, so that identical vectors are confirmed).</item>
/// <item>Inner product: the dot product is not finite (a partial sum overflowed; a later term may
/// have brought the true sum back), or below <see cref="Tiny"/> in magnitude.</item>
/// <item>L1: infinite (differences of subnormals are exact, so nothing underflows).</item>
/// <item>Cosine: NaN, the kernel's sign that a norm overflowed or underflowed (zero included). With
/// both norms in range the dot product cannot overflow, and what underflows in it is negligible.</item>
/// <item>Hamming and Jaccard: always reliable (counts).</item>
/// </list>
/// <para>
/// Above <see cref="Tiny"/> the terms lost to underflow (each below 2^-149, at most 16,000 of them)
/// change a score by less than 2^-35 of itself, well inside float32 rounding. Searches test only
/// the scores that might enter a result, so data without such values pays nothing.
/// </para>
/// </remarks>
public static class ScoreReliability
{
    /// <summary>2^-100: scores smaller than this may have lost terms to underflow.</summary>
    public const float Tiny = 7.888609052210118e-31f;

    /// <summary>Whether <paramref name="score"/>, computed in float32 under <paramref name="metric"/>, orders and reports correctly as it is.</summary>
    public static bool IsReliable(Metric metric, float score) => metric switch
    {
        Metric.L2 => score >= Tiny && score <= float.MaxValue,
        Metric.InnerProduct => float.IsFinite(score) && MathF.Abs(score) >= Tiny,
        Metric.L1 => float.IsFinite(score),
        Metric.Cosine => !float.IsNaN(score),
        _ => true,
    };
}
