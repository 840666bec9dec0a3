namespace VecStore.Indexes.Distance;

/// <summary>How the distance between two vectors is measured; smaller is always nearer.</summary>
/// <remarks>
/// The distance an index reports for each metric: <see cref="L2"/> is the Euclidean distance,
/// <see cref="Cosine"/> is 1 - cosine similarity (in [0, 2]; 1 when either vector is zero),
/// <see cref="InnerProduct"/> is the negated dot product, so that ascending order is nearest first;
/// <see cref="L1"/> is the sum of absolute differences. <see cref="Hamming"/> (the number of
/// differing bits) and <see cref="Jaccard"/> (1 - |a AND b| / |a OR b|, 0 when both are all zero)
/// apply to bit vectors only; the others to float32 and float16 vectors.
/// </remarks>
public enum Metric
{
    /// <summary>Euclidean distance.</summary>
    L2 = 0,

    /// <summary>One minus the cosine of the angle between the vectors.</summary>
    Cosine = 1,

    /// <summary>The negated dot product.</summary>
    InnerProduct = 2,

    /// <summary>Manhattan distance: the sum of absolute differences.</summary>
    L1 = 3,

    /// <summary>Number of differing bits (bit vectors).</summary>
    Hamming = 4,

    /// <summary>One minus intersection over union of the set bits (bit vectors).</summary>
    Jaccard = 5,
}
