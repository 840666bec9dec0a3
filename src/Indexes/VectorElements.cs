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
}
