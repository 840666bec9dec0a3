using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>How a batched search turns dot products into scores that rank stored vectors for each query, as a struct type parameter.</summary>
/// <remarks>
/// These fast scores only choose candidates; each query's final results are rescored with its
/// <see cref="IScorer"/>. A fast score must order the stored vectors of one query as the exact
/// score does, up to rounding, but need not equal it: L2 leaves out the query's own norm.
/// </remarks>
internal interface IBatchScore
{
    /// <summary>The per-stored-vector factor, from its squared norm.</summary>
    static abstract float RowFactor(float squaredNorm);

    /// <summary>The per-query factor, from its squared norm.</summary>
    static abstract float QueryFactor(float squaredNorm);

    /// <summary>The fast scores of one stored vector against 16 queries.</summary>
    static abstract Vector512<float> Score(Vector512<float> dots, Vector512<float> rowFactor, Vector512<float> queryFactors);
}
