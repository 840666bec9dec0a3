namespace VecStore.Indexes.Distance;

/// <summary>A metric as a struct type parameter, so that a scan loop is compiled once per metric with the kernel inlined into it.</summary>
/// <remarks>Implementations must compute exactly what <see cref="DistanceKernels.Score"/> computes for their metric.</remarks>
internal interface IScorer
{
    /// <summary>Per-query state computed once before a scan: the query's norm for cosine, else 0.</summary>
    static abstract double Prepare(ReadOnlySpan<float> query);

    /// <summary>The score of one stored vector of <paramref name="length"/> floats.</summary>
    static abstract float Score(ref float query, ref float vector, int length, double prepared);

    /// <summary>The distance reported for a score.</summary>
    static abstract float ToDistance(float score);
}
