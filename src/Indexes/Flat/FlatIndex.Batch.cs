using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>Batched exact search: many queries answered in one pass over the stored vectors.</summary>
public sealed partial class FlatIndex
{
    // Fewer queries than this are answered one by one: below it the batch kernel's padded lanes
    // and the copy into chunks cost more than reading the vectors once per query. Measured on one
    // thread: up to 16 queries a batch took ~60 ms on 1,000,000 x 128 against ~24 ms a single
    // search, and ~23 ms on 60,000 x 784 against ~6.5 ms, so batches win from 3 and 4 queries.
    private const int MinBatchQueries = 4;

    /// <summary>Searches <paramref name="queryCount"/> queries at once; query q's nearest (or farthest) neighbours go to <c>results[q*k .. q*k + found[q])</c>.</summary>
    /// <param name="queries">The queries back to back, <paramref name="queryCount"/> × <see cref="Dimensions"/> floats.</param>
    /// <param name="queryCount">Number of queries.</param>
    /// <param name="filter">Which ids may be returned, for every query alike.</param>
    /// <param name="results">At least <paramref name="queryCount"/> × <paramref name="k"/> items, query-major; each query's results are ordered as <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/> orders them.</param>
    /// <param name="k">Results per query, at least 0.</param>
    /// <param name="found">At least <paramref name="queryCount"/> items: how many results each query got.</param>
    /// <param name="farthest">Rank farthest first, as <see cref="SearchFarthest{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>.</param>
    /// <param name="options">Threads to use and the token that stops the scan; <see cref="Options"/> when null.</param>
    /// <remarks>
    /// <para>
    /// For float32 and float16 sources under L2, cosine and inner product (on hardware with
    /// 512-bit vectors) each stored vector is read once for the whole batch and compared with up
    /// to 48 queries at a time by a register-tiled kernel (<see cref="DotProductTile"/>), as a
    /// matrix multiply does; the threads split the blocks. Candidates are chosen by the dot-product
    /// form of the metric (L2 as <c>|v|² - 2 q·v</c>), which rounds differently from the kernel of
    /// a single search, so each query's best <c>k + max(8, k/4)</c> candidates are rescored with
    /// that kernel: reported distances are bit for bit those of a single search, and the ids are
    /// the same except where the k-th distance ties within that rounding. Other element types and
    /// metrics, and batches of fewer than 4 queries, run one search per query.
    /// </para>
    /// <para>The filter may be called from several threads at once, once per stored vector.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A span is too short for <paramref name="queryCount"/> and <paramref name="k"/>, a bit query holds a value other than 0 or 1, or the source hands out a malformed block.</exception>
    public void SearchBatch<TFilter>(ReadOnlySpan<float> queries, int queryCount, TFilter filter, Span<Neighbor> results, int k, Span<int> found, bool farthest = false, FlatSearchOptions? options = null)
        where TFilter : struct, IRowFilter
    {
        options ??= Options;
        ArgumentOutOfRangeException.ThrowIfNegative(queryCount);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int dimensions = _vectors.Dimensions;
        if (queries.Length != (long)queryCount * dimensions)
        {
            ThrowHelper.Argument(nameof(queries), $"{queryCount} queries of {dimensions} dimensions take {(long)queryCount * dimensions} floats, but the span holds {queries.Length}.");
        }

        if (results.Length < (long)queryCount * k)
        {
            ThrowHelper.Argument(nameof(results), $"{queryCount} queries of {k} results need {(long)queryCount * k} items, but the span holds {results.Length}.");
        }

        if (found.Length < queryCount)
        {
            ThrowHelper.LengthMismatch(nameof(found), queryCount, found.Length);
        }

        if (k == 0 || queryCount < MinBatchQueries || !Vector512.IsHardwareAccelerated || Metric is not (Metric.L2 or Metric.Cosine or Metric.InnerProduct) || ElementType == VectorElement.Bit
            || HasExtremeQuery(queries, queryCount))
        {
            SearchEach(queries, queryCount, filter, results, k, found, farthest, options);
            return;
        }

        int threads = ChooseThreads(options, k + Math.Max(8, k / 4), queryCount);
        bool answered = farthest
            ? Batch<FarthestFirst, TFilter>(queries, queryCount, filter, results, k, found, threads, options.CancellationToken)
            : Batch<NearestFirst, TFilter>(queries, queryCount, filter, results, k, found, threads, options.CancellationToken);
        if (!answered)
        {
            SearchEach(queries, queryCount, filter, results, k, found, farthest, options);
        }
    }

    /// <summary>Whether a query's squared norm is one the batch's dot-product form cannot rank (<see cref="BatchNorms"/>).</summary>
    private bool HasExtremeQuery(ReadOnlySpan<float> queries, int queryCount)
    {
        int dimensions = _vectors.Dimensions;
        for (int q = 0; q < queryCount; q++)
        {
            ReadOnlySpan<float> query = queries.Slice(q * dimensions, dimensions);
            float squaredNorm = DotProduct.Compute(query, query);
            if (Metric == Metric.Cosine ? BatchNorms.IsExtreme<CosineBatchScore>(squaredNorm) : BatchNorms.IsExtreme<L2BatchScore>(squaredNorm))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs the batch kernel; false when a stored vector's norm was extreme (<see cref="BatchNorms"/>) and the queries must be answered one by one.</summary>
    private bool Batch<TOrder, TFilter>(ReadOnlySpan<float> queries, int queryCount, TFilter filter, Span<Neighbor> results, int k, Span<int> found, int threads, CancellationToken cancellationToken)
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        switch ((ElementType, Metric))
        {
            case (VectorElement.Float32, Metric.L2):
                return BatchBlockScan<L2Scorer, L2BatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
            case (VectorElement.Float32, Metric.Cosine):
                return BatchBlockScan<CosineScorer, CosineBatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
            case (VectorElement.Float32, _):
                return BatchBlockScan<InnerProductScorer, InnerProductBatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
            case (_, Metric.L2):
                return BatchBlockScan<Float16L2Scorer, L2BatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
            case (_, Metric.Cosine):
                return BatchBlockScan<Float16CosineScorer, CosineBatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
            default:
                return BatchBlockScan<Float16InnerProductScorer, InnerProductBatchScore, TOrder, TFilter>.Run(_vectors, queries, queryCount, filter, results, k, found, threads, cancellationToken);
        }
    }

    private void SearchEach<TFilter>(ReadOnlySpan<float> queries, int queryCount, TFilter filter, Span<Neighbor> results, int k, Span<int> found, bool farthest, FlatSearchOptions options)
        where TFilter : struct, IRowFilter
    {
        int dimensions = _vectors.Dimensions;
        for (int q = 0; q < queryCount; q++)
        {
            ReadOnlySpan<float> query = queries.Slice(q * dimensions, dimensions);
            Span<Neighbor> destination = results.Slice(q * k, k);
            found[q] = farthest
                ? Scan<FarthestFirst, TFilter>(query, filter, destination, options)
                : Scan<NearestFirst, TFilter>(query, filter, destination, options);
        }
    }
}
