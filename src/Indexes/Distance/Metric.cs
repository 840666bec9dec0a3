namespace VecStore.Indexes.Distance;

/// <summary>How the distance between two vectors is measured; smaller is always nearer.</summary>
/// <remarks>
/// The distance an index reports for each metric: <see cref="L2"/> is the Euclidean distance,
/// <see cref="Cosine"/> is 1 - cosine similarity (in [0, 2]; 1 when either vector is zero),
/// <see cref="InnerProduct"/> is the negated dot product, so that ascending order is nearest first.
/// </remarks>
public enum Metric
{
    /// <summary>Euclidean distance.</summary>
    L2 = 0,

    /// <summary>One minus the cosine of the angle between the vectors.</summary>
    Cosine = 1,

    /// <summary>The negated dot product.</summary>
    InnerProduct = 2,
}
