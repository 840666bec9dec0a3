using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>Exact nearest-neighbour search: compares the query with every stored vector.</summary>
/// <remarks>
/// <para>
/// Results are ordered by distance, ties by smaller id, NaN distances last, so they do not
/// depend on block order, memory layout or how many threads ran. For <see cref="Metric.L2"/>
/// the order is that of the exact squared distance: two results whose reported (square-rooted)
/// distances round to the same float keep the order of their squared distances, not of their ids.
/// Reported distances are bit for bit those of <see cref="DistanceKernels.Distance"/>.
/// </para>
/// <para>
/// Large scans are split over up to <see cref="FlatSearchOptions.MaxThreads"/> threads; the
/// filter is then called from several threads at once and must be safe for that. Thread-safe
/// for concurrent searches as long as the source is.
/// </para>
/// </remarks>
public sealed class FlatIndex : IVectorIndex
{
    private readonly IVectorSource _vectors;

    /// <summary>Creates an index over <paramref name="vectors"/> with the default options.</summary>
    public FlatIndex(IVectorSource vectors, Metric metric)
        : this(vectors, metric, FlatSearchOptions.Default)
    {
    }

    /// <summary>Creates an index over <paramref name="vectors"/> whose searches use <paramref name="options"/> unless given others.</summary>
    public FlatIndex(IVectorSource vectors, Metric metric, FlatSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(options);
        if (metric is not (Metric.L2 or Metric.Cosine or Metric.InnerProduct))
        {
            ThrowHelper.UnknownMetric(metric);
        }

        _vectors = vectors;
        Metric = metric;
        Options = options;
    }

    /// <inheritdoc />
    public string Kind => "flat";

    /// <inheritdoc />
    public Metric Metric { get; }

    /// <summary>Number of floats in each vector; queries must have this length.</summary>
    public int Dimensions => _vectors.Dimensions;

    /// <summary>The options searches use when none are passed.</summary>
    public FlatSearchOptions Options { get; }

    /// <summary>Writes the <c>results.Length</c> nearest vectors accepted by <paramref name="filter"/>, nearest first, and returns how many were written.</summary>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, or the source hands out a malformed block.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, Options);

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with per-search <paramref name="options"/>.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TFilter : struct, IRowFilter =>
        Metric switch
        {
            Metric.L2 => Scan<L2Scorer, NearestFirst, TFilter>(query, filter, results, options),
            Metric.Cosine => Scan<CosineScorer, NearestFirst, TFilter>(query, filter, results, options),
            _ => Scan<InnerProductScorer, NearestFirst, TFilter>(query, filter, results, options),
        };

    /// <summary>Writes the <c>results.Length</c> farthest vectors accepted by <paramref name="filter"/>, farthest first, and returns how many were written.</summary>
    /// <remarks>Serves <c>ORDER BY distance DESC</c>; ties still go to the smaller id, NaN distances still come last.</remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, or the source hands out a malformed block.</exception>
    public int SearchFarthest<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        SearchFarthest(query, filter, results, Options);

    /// <summary>As <see cref="SearchFarthest{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with per-search <paramref name="options"/>.</summary>
    public int SearchFarthest<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TFilter : struct, IRowFilter =>
        Metric switch
        {
            Metric.L2 => Scan<L2Scorer, FarthestFirst, TFilter>(query, filter, results, options),
            Metric.Cosine => Scan<CosineScorer, FarthestFirst, TFilter>(query, filter, results, options),
            _ => Scan<InnerProductScorer, FarthestFirst, TFilter>(query, filter, results, options),
        };

    /// <summary>Searches several queries at once: query q's neighbours go to <c>results[q*k ..]</c>, how many to <c>found[q]</c>.</summary>
    public void SearchBatch<TFilter>(ReadOnlySpan<float> queries, int queryCount, TFilter filter, Span<Neighbor> results, int k, Span<int> found, bool farthest = false, FlatSearchOptions? options = null)
        where TFilter : struct, IRowFilter
    {
        int dims = Dimensions;
        for (int q = 0; q < queryCount; q++)
        {
            var query = queries.Slice(q * dims, dims);
            var destination = results.Slice(q * k, k);
            found[q] = farthest
                ? SearchFarthest(query, filter, destination, options ?? Options)
                : Search(query, filter, destination, options ?? Options);
        }
    }

    /// <summary>Ranks only the vectors with the given <paramref name="ids"/>, nearest first, and returns how many results were written.</summary>
    /// <remarks>
    /// The path for a WHERE clause that has already chosen a small candidate set: each vector is
    /// fetched with <see cref="IVectorSource.GetVector"/>. Ids without a vector are skipped. The ids
    /// are expected to be distinct; a repeated id is ranked once per occurrence.
    /// </remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, or the source returns a vector of another length.</exception>
    public int SearchCandidates(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results) =>
        Metric switch
        {
            Metric.L2 => RankCandidates<L2Scorer, NearestFirst>(query, ids, results),
            Metric.Cosine => RankCandidates<CosineScorer, NearestFirst>(query, ids, results),
            _ => RankCandidates<InnerProductScorer, NearestFirst>(query, ids, results),
        };

    /// <summary>Ranks only the vectors with the given <paramref name="ids"/>, farthest first, and returns how many results were written.</summary>
    /// <remarks>As <see cref="SearchCandidates"/>, in the order of <see cref="SearchFarthest{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>.</remarks>
    public int SearchCandidatesFarthest(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results) =>
        Metric switch
        {
            Metric.L2 => RankCandidates<L2Scorer, FarthestFirst>(query, ids, results),
            Metric.Cosine => RankCandidates<CosineScorer, FarthestFirst>(query, ids, results),
            _ => RankCandidates<InnerProductScorer, FarthestFirst>(query, ids, results),
        };

    private int Scan<TScorer, TOrder, TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        ArgumentNullException.ThrowIfNull(options);
        int dimensions = _vectors.Dimensions;
        if (query.Length != dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), dimensions, query.Length);
        }

        if (results.IsEmpty)
        {
            return 0;
        }

        double prepared = TScorer.Prepare(query);
        int threads = ChooseThreads(options, results.Length);
        int count;
        if (threads == 1)
        {
            // The heap lives in the caller's result span; nothing is rented.
            var top = new TopK(results);
            int blockCount = _vectors.BlockCount;
            ref float q = ref MemoryMarshal.GetReference(query);
            for (int b = 0; b < blockCount; b++)
            {
                BlockScanner.ScanBlock<TScorer, TOrder, TFilter>(_vectors, b, ref q, prepared, ref filter, ref top);
            }

            count = top.CopySortedTo(results);
        }
        else
        {
            count = ParallelBlockScan<TScorer, TOrder, TFilter>.Run(_vectors, query, prepared, filter, results, threads);
        }

        ConvertToDistances<TScorer, TOrder>(results[..count]);
        return count;
    }

    /// <summary>One thread when the scan is too small to repay the split, else up to <see cref="FlatSearchOptions.MaxThreads"/>.</summary>
    private int ChooseThreads(FlatSearchOptions options, int k)
    {
        int blockCount = _vectors.BlockCount;
        int threads = Math.Min(options.MaxThreads, blockCount);
        if (threads <= 1 || (long)threads * k > Array.MaxLength)
        {
            return 1;
        }

        // Counting stops as soon as the threshold is crossed, so this costs at most a few block lookups.
        long work = 0;
        long threshold = options.ParallelThreshold;
        int dimensions = _vectors.Dimensions;
        for (int b = 0; b < blockCount && work <= threshold; b++)
        {
            work += (long)_vectors.GetBlock(b).Count * dimensions;
        }

        return work > threshold ? threads : 1;
    }

    private int RankCandidates<TScorer, TOrder>(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
    {
        int dimensions = _vectors.Dimensions;
        if (query.Length != dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), dimensions, query.Length);
        }

        if (results.IsEmpty)
        {
            return 0;
        }

        double prepared = TScorer.Prepare(query);
        ref float q = ref MemoryMarshal.GetReference(query);
        var top = new TopK(results);
        foreach (long id in ids)
        {
            ReadOnlySpan<float> vector = _vectors.GetVector(id);
            if (vector.IsEmpty)
            {
                continue;
            }

            if (vector.Length != dimensions)
            {
                ThrowHelper.VectorLengthMismatch(id, dimensions, vector.Length);
            }

            top.TryAdd(id, TOrder.Key(TScorer.Score(ref q, ref MemoryMarshal.GetReference(vector), dimensions, prepared)));
        }

        int count = top.CopySortedTo(results);
        ConvertToDistances<TScorer, TOrder>(results[..count]);
        return count;
    }

    private static void ConvertToDistances<TScorer, TOrder>(Span<Neighbor> results)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
    {
        foreach (ref Neighbor n in results)
        {
            n = new Neighbor(n.Id, TScorer.ToDistance(TOrder.Score(n.Distance)));
        }
    }
}
