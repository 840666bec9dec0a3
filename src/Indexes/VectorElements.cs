using VecStore.Indexes.Distance;

namespace VecStore.Indexes;

/// <summary>Sizes and rules of the element types.</summary>
public static class VectorElements
{
    /// <summary>Bytes one stored vector of <paramref name="dimensions"/> elements takes.</summary>
    public static int BytesPerVector(VectorElement element, int dimensions) => element switch
    {
        VectorElement.Float32 => checked(dimensions * 4),
        VectorElement.Float16 => checked(dimensions * 2),
        VectorElement.Bit => checked((dimensions + 63) / 64 * 8),
        _ => throw new ArgumentOutOfRangeException(nameof(element)),
    };

    /// <summary>True when <paramref name="metric"/> can compare vectors of <paramref name="element"/>.</summary>
    public static bool Supports(VectorElement element, Metric metric) => element == VectorElement.Bit
        ? metric is Metric.Hamming or Metric.Jaccard
        : metric is Metric.L2 or Metric.Cosine or Metric.InnerProduct or Metric.L1;

    /// <summary>Number of 64-bit words a bit vector of <paramref name="dimensions"/> bits is packed into.</summary>
    public static int BitWords(int dimensions) => (int)(((long)dimensions + 63) >> 6);

    /// <summary>Packs one float per bit, each 0 or 1, into the <see cref="VectorElement.Bit"/> layout.</summary>
    /// <remarks>
    /// Bit <c>i</c> becomes bit <c>i % 64</c> of <c>destination[i / 64]</c>; the unused bits of
    /// the last word are cleared. This is how a search turns a query for a bit column into words.
    /// </remarks>
    /// <exception cref="ArgumentException">A value is neither 0 nor 1, or <paramref name="destination"/> does not hold <see cref="BitWords"/> words.</exception>
    public static void PackBits(ReadOnlySpan<float> bits, Span<ulong> destination)
    {
        int words = BitWords(bits.Length);
        if (destination.Length != words)
        {
            ThrowHelper.Argument(nameof(destination), $"{bits.Length} bits pack into {words} words, but the destination holds {destination.Length}.");
        }

        for (int w = 0; w < words; w++)
        {
            ReadOnlySpan<float> chunk = bits.Slice(w * 64, Math.Min(64, bits.Length - (w * 64)));
            ulong word = 0;
            for (int i = 0; i < chunk.Length; i++)
            {
                float value = chunk[i];
                if (value == 1f)
                {
                    word |= 1UL << i;
                }
                else if (value != 0f)
                {
                    ThrowHelper.NotABit((w * 64) + i, value);
                }
            }

            destination[w] = word;
        }
    }
}
