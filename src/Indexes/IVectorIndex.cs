using VecStore.Indexes.Distance;

namespace VecStore.Indexes;

/// <summary>A nearest-neighbour index over the vectors of an <see cref="IVectorSource"/>.</summary>
/// <remarks>
/// The seam that Flat, IVF, IVFPQ and HNSW share: Storage keeps an index per vector column and
/// the planner picks one. Results are written nearest first; the return value is how many.
/// </remarks>
public interface IVectorIndex
{
    /// <summary>Short name shown by EXPLAIN, such as <c>flat</c> or <c>hnsw</c>.</summary>
    string Kind { get; }

    /// <summary>The metric the index orders by.</summary>
    Metric Metric { get; }

    /// <summary>Finds up to <c>results.Length</c> nearest vectors accepted by <paramref name="filter"/>.</summary>
    int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter;
}
