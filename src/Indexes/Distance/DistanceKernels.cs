using System.Buffers;
using System.Runtime.InteropServices;

namespace VecStore.Indexes.Distance;

/// <summary>The distance each <see cref="Metric"/> reports, and the score a search compares in its place.</summary>
/// <remarks>
/// A score orders vectors exactly as the distance does but is cheaper: for <see cref="Metric.L2"/>
/// it is the squared distance, for the other metrics it is the distance itself. Searches compare
/// scores and convert only the results with <see cref="ScoreToDistance"/>, so a reported distance
/// is bit for bit what <see cref="Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>
/// returns for the same pair. Scores are computed in float32; where float32 overflows or
/// underflows (<see cref="ScoreReliability"/>) the distance is computed again in double
/// (<see cref="PreciseDistance"/>), so every pair of finite vectors has its true distance and order.
/// </remarks>
public static class DistanceKernels
{
    // Bit queries up to this many words are packed on the stack.
    private const int StackWords = 256;

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> under <paramref name="metric"/>.</summary>
    /// <remarks>
    /// <see cref="Metric.L2"/>: the Euclidean distance. <see cref="Metric.Cosine"/>: 1 - cosine,
    /// 1 when either vector is zero. <see cref="Metric.InnerProduct"/>: the negated dot product.
    /// <see cref="Metric.L1"/>: the sum of absolute differences. For cosine, <paramref name="a"/>
    /// plays the query, whose norm a search computes once. For <see cref="Metric.Hamming"/> and
    /// <see cref="Metric.Jaccard"/> both spans hold one float per bit, each 0 or 1.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length, or a bit metric is given a value other than 0 or 1.</exception>
    public static double Distance(Metric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float score = Score(metric, a, b);
        return ScoreToDistance(metric, ScoreReliability.IsReliable(metric, score) ? score
            : PreciseDistance.Score(metric, a, MemoryMarshal.AsBytes(b), VectorElement.Float32));
    }

    /// <summary>The distance between a float32 <paramref name="query"/> and a <paramref name="stored"/> vector in the <paramref name="element"/> format.</summary>
    /// <remarks>
    /// What a search over a source of that element type reports. <paramref name="query"/> holds one
    /// float per element (per bit, each 0 or 1, for <see cref="VectorElement.Bit"/>); <paramref name="stored"/>
    /// holds <see cref="VectorElements.BytesPerVector"/> bytes.
    /// </remarks>
    /// <exception cref="ArgumentException">The metric does not apply to the element type, the sizes do not match, or a bit query holds a value other than 0 or 1.</exception>
    public static double Distance(Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<byte> stored, VectorElement element)
    {
        float score = Score(metric, query, stored, element);
        return ScoreToDistance(metric, ScoreReliability.IsReliable(metric, score) ? score
            : PreciseDistance.Score(metric, query, stored, element));
    }

    /// <summary>The order-preserving score a search compares: squared distance for L2, the distance otherwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a bit metric is given a value other than 0 or 1.</exception>
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
            case Metric.L1:
                return L1Distance.Compute(a, b);
            case Metric.Hamming:
            case Metric.Jaccard:
                return BitScore(metric, a, b);
            default:
                ThrowHelper.UnknownMetric(metric);
                return 0f;
        }
    }

    /// <summary>The order-preserving score of a float32 <paramref name="query"/> against a <paramref name="stored"/> vector in the <paramref name="element"/> format.</summary>
    /// <exception cref="ArgumentException">The metric does not apply to the element type, the sizes do not match, or a bit query holds a value other than 0 or 1.</exception>
    public static float Score(Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<byte> stored, VectorElement element)
    {
        if (!Enum.IsDefined(metric))
        {
            ThrowHelper.UnknownMetric(metric);
        }

        if (!VectorElements.Supports(element, metric))
        {
            ThrowHelper.UnsupportedMetric(element, metric);
        }

        int bytes = VectorElements.BytesPerVector(element, query.Length);
        if (stored.Length != bytes)
        {
            ThrowHelper.LengthMismatch(nameof(stored), bytes, stored.Length);
        }

        switch (element)
        {
            case VectorElement.Float32:
                return Score(metric, query, MemoryMarshal.Cast<byte, float>(stored));
            case VectorElement.Float16:
                ReadOnlySpan<Half> halves = MemoryMarshal.Cast<byte, Half>(stored);
                return metric switch
                {
                    Metric.L2 => SquaredL2.Compute(query, halves),
                    Metric.Cosine => CosineDistance.Compute(query, halves),
                    Metric.InnerProduct => -DotProduct.Compute(query, halves),
                    _ => L1Distance.Compute(query, halves),
                };
            default:
                ulong[]? rented = null;
                int words = VectorElements.BitWords(query.Length);
                Span<ulong> packed = words <= StackWords ? stackalloc ulong[words] : (rented = ArrayPool<ulong>.Shared.Rent(words)).AsSpan(0, words);
                try
                {
                    VectorElements.PackBits(query, packed);
                    return BitScore(metric, packed, MemoryMarshal.Cast<byte, ulong>(stored));
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<ulong>.Shared.Return(rented);
                    }
                }
        }
    }

    /// <summary>Converts a score (from <see cref="Score(Metric, ReadOnlySpan{float}, ReadOnlySpan{float})"/>, or from <see cref="PreciseDistance"/> where that one was not reliable) into the distance reported to callers.</summary>
    /// <remarks>
    /// For L2 the square root of a float32 squared distance is rounded to float32, as it always was,
    /// so reported distances of ordinary vectors are float32 values; a squared distance outside the
    /// range float32 keeps (<see cref="ScoreReliability"/>) gets its square root in double.
    /// </remarks>
    public static double ScoreToDistance(Metric metric, double score)
    {
        switch (metric)
        {
            case Metric.L2:
                float single = (float)score;
                return single == score && ScoreReliability.IsReliable(Metric.L2, single) ? MathF.Sqrt(single) : Math.Sqrt(score);
            case Metric.Cosine:
            case Metric.InnerProduct:
            case Metric.L1:
            case Metric.Hamming:
            case Metric.Jaccard:
                return score;
            default:
                ThrowHelper.UnknownMetric(metric);
                return 0f;
        }
    }

    /// <summary>Hamming or Jaccard of two float spans holding one 0-or-1 value per bit.</summary>
    private static float BitScore(Metric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        int words = VectorElements.BitWords(a.Length);
        ulong[]? rented = null;
        Span<ulong> packed = words <= StackWords / 2 ? stackalloc ulong[2 * words] : (rented = ArrayPool<ulong>.Shared.Rent(2 * words)).AsSpan(0, 2 * words);
        try
        {
            VectorElements.PackBits(a, packed[..words]);
            VectorElements.PackBits(b, packed[words..]);
            return BitScore(metric, packed[..words], packed[words..]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private static float BitScore(Metric metric, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) =>
        metric == Metric.Hamming ? HammingDistance.Compute(a, b) : JaccardDistance.Compute(a, b);
}
