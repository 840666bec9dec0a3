namespace VecStore.Indexes.Distance;

/// <summary>The distance each <see cref="Metric"/> reports, and the score a search compares in its place.</summary>
/// <remarks>
/// A score orders vectors exactly as the distance does but is cheaper: for <see cref="Metric.L2"/>
/// it is the squared distance, for the other metrics it is the distance itself. Searches compare
/// scores and convert only the results with <see cref="ScoreToDistance"/>, so a reported distance
/// is bit for bit what <see cref="Distance"/> returns for the same pair.
/// </remarks>
public static class DistanceKernels
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> under <paramref name="metric"/>.</summary>
    /// <remarks>
    /// <see cref="Metric.L2"/>: the Euclidean distance. <see cref="Metric.Cosine"/>: 1 - cosine,
    /// 1 when either vector is zero. <see cref="Metric.InnerProduct"/>: the negated dot product.
    /// For cosine, <paramref name="a"/> plays the query, whose norm a search computes once.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Distance(Metric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        ScoreToDistance(metric, Score(metric, a, b));

    /// <summary>The order-preserving score a search compares: squared distance for L2, the distance otherwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Score(Metric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        switch (metric)
        {
            case Metric.L2:
                return SquaredL2.Compute(a, b);
            case Metric.Cosine:
                return CosineDistance.Compute(a, b);
            case Metric.InnerProduct:
                return -DotProduct.Compute(a, b);
            default:
                ThrowHelper.UnknownMetric(metric);
                return 0f;
        }
    }

    /// <summary>Converts a score from <see cref="Score"/> into the distance reported to callers.</summary>
    public static float ScoreToDistance(Metric metric, float score)
    {
        switch (metric)
        {
            case Metric.L2:
                return MathF.Sqrt(score);
            case Metric.Cosine:
            case Metric.InnerProduct:
                return score;
            default:
                ThrowHelper.UnknownMetric(metric);
                return 0f;
        }
    }
}
