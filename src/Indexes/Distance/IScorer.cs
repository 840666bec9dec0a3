using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>A metric over one element type as a struct type parameter, so that a scan loop is compiled once per pair with the kernel inlined into it.</summary>
/// <remarks>
/// Implementations must compute exactly what <see cref="DistanceKernels.Score(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>
/// computes for their metric and element type. The query a scorer reads is the encoded query:
/// the float32 query itself for float32 and float16 storage, the packed words for bit storage.
/// </remarks>
internal interface IScorer
{
    /// <summary>The metric this scorer orders by.</summary>
    static abstract Metric Metric { get; }

    /// <summary>The element type of the stored vectors this scorer reads.</summary>
    static abstract VectorElement Element { get; }

    /// <summary>Per-query state computed once before a scan: the query's norm for cosine, else 0.</summary>
    static abstract double Prepare(ReadOnlySpan<float> query);

    /// <summary>The score of one stored vector of <paramref name="dimensions"/> elements.</summary>
    static abstract float Score(ref byte query, ref byte vector, int dimensions, double prepared);

    /// <summary>The scores of four stored vectors <paramref name="stride"/> bytes apart, each bit for bit what <see cref="Score"/> gives it.</summary>
    static abstract Vector128<float> ScoreFour(ref byte query, ref byte first, nint stride, int dimensions, double prepared);
}
