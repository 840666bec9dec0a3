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

    /// <summary>The distance between a float query and a stored vector in any element encoding.</summary>
    /// <remarks>For <see cref="VectorElement.Bit"/> the query holds one float per bit, 0 or 1.</remarks>
    public static float Distance(Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<byte> stored, VectorElement element)
    {
        switch (element)
        {
            case VectorElement.Float32 when metric != Metric.L1:
                return Distance(metric, query, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(stored));
            case VectorElement.Float32:
            case VectorElement.Float16:
            {
                Span<float> vector = query.Length <= 1024 ? stackalloc float[query.Length] : new float[query.Length];
                if (element == VectorElement.Float16)
                {
                    var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(stored);
                    for (int i = 0; i < vector.Length; i++)
                        vector[i] = (float)halves[i];
                }
                else
                {
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(stored).CopyTo(vector);
                }
                if (metric != Metric.L1)
                    return Distance(metric, query, vector);
                float sum = 0;
                for (int i = 0; i < vector.Length; i++)
                    sum += MathF.Abs(query[i] - vector[i]);
                return sum;
            }
            default:
            {
                var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(stored);
                int differ = 0, both = 0, either = 0;
                for (int w = 0; w < words.Length; w++)
                {
                    ulong q = 0;
                    for (int b = 0; b < 64 && w * 64 + b < query.Length; b++)
                        if (query[w * 64 + b] != 0)
                            q |= 1UL << b;
                    differ += System.Numerics.BitOperations.PopCount(q ^ words[w]);
                    both += System.Numerics.BitOperations.PopCount(q & words[w]);
                    either += System.Numerics.BitOperations.PopCount(q | words[w]);
                }
                return metric == Metric.Hamming ? differ : either == 0 ? 0f : 1f - (float)both / either;
            }
        }
    }

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
