using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>Exact nearest-neighbour search: compares the query with every stored vector.</summary>
/// <remarks>
/// Results are ordered by distance, ties by smaller id, NaN distances last, so they do not
/// depend on block order or on how many threads ran. Reported distances are those of
/// <see cref="DistanceKernels.Distance"/>. Large scans are split over up to
/// <see cref="FlatSearchOptions.MaxThreads"/> threads; the filter is then called from several
/// threads at once and must be safe for that. Thread-safe for concurrent searches as long as
/// the source is.
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
                ScanBlock<TScorer, TOrder, TFilter>(ref q, prepared, b, ref filter, ref top);
            }

            count = top.CopySortedTo(results);
        }
        else
        {
            count = ScanInParallel<TScorer, TOrder, TFilter>(query, prepared, filter, results, threads);
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

    private int ScanInParallel<TScorer, TOrder, TFilter>(ReadOnlySpan<float> query, double prepared, TFilter filter, Span<Neighbor> results, int threads)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        int k = results.Length;
        int blockCount = _vectors.BlockCount;
        float[] queryCopy = ArrayPool<float>.Shared.Rent(query.Length);
        Neighbor[] kept = ArrayPool<Neighbor>.Shared.Rent(threads * k);
        int[] keptCounts = new int[threads];
        query.CopyTo(queryCopy);
        int nextBlock = 0;
        try
        {
            try
            {
                // Threads claim blocks one at a time, so an uneven source (sparse presence, a short
                // last block) still keeps every thread busy to the end. Each keeps its own top k;
                // the k best overall are among their union, whatever the split.
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var top = new TopK(kept.AsSpan(t * k, k));
                    ref float q = ref MemoryMarshal.GetArrayDataReference(queryCopy);
                    TFilter threadFilter = filter;
                    int b;
                    while ((b = Interlocked.Increment(ref nextBlock) - 1) < blockCount)
                    {
                        ScanBlock<TScorer, TOrder, TFilter>(ref q, prepared, b, ref threadFilter, ref top);
                    }

                    keptCounts[t] = top.Count;
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }

            var merged = new TopK(results);
            for (int t = 0; t < threads; t++)
            {
                foreach (Neighbor n in kept.AsSpan(t * k, keptCounts[t]))
                {
                    merged.TryAdd(n.Id, n.Distance);
                }
            }

            return merged.CopySortedTo(results);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(queryCopy);
            ArrayPool<Neighbor>.Shared.Return(kept);
        }
    }

    /// <summary>Offers every present vector of block <paramref name="blockIndex"/> that the filter accepts.</summary>
    private void ScanBlock<TScorer, TOrder, TFilter>(ref float query, double prepared, int blockIndex, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        VectorBlock block = _vectors.GetBlock(blockIndex);
        int count = block.Count;
        int dimensions = _vectors.Dimensions;
        ReadOnlySpan<long> ids = block.Ids;
        ReadOnlySpan<ulong> present = block.Present;

        // Validated once here so that the loops below can index without checks.
        if (block.Vectors.Length < (long)count * dimensions)
        {
            ThrowHelper.BlockTooShort(blockIndex, "vectors", (long)count * dimensions, block.Vectors.Length);
        }

        if (!ids.IsEmpty && ids.Length < count)
        {
            ThrowHelper.BlockTooShort(blockIndex, "ids", count, ids.Length);
        }

        if (!present.IsEmpty && present.Length < (count + 63) >> 6)
        {
            ThrowHelper.BlockTooShort(blockIndex, "presence words", (count + 63) >> 6, present.Length);
        }

        ref float vectors = ref MemoryMarshal.GetReference(block.Vectors);
        ref long firstExplicitId = ref MemoryMarshal.GetReference(ids);
        bool explicitIds = !ids.IsEmpty;
        long firstId = block.FirstId;

        if (present.IsEmpty)
        {
            VisitRange<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref vectors, explicitIds, ref firstExplicitId, firstId, 0, count, ref filter, ref top);
            return;
        }

        for (int word = 0, start = 0; start < count; word++, start += 64)
        {
            ulong bits = present[word];
            int remaining = count - start;
            if (remaining < 64)
            {
                // Bits past the end of the block mean nothing.
                bits &= (1UL << remaining) - 1;
            }

            if (bits == ulong.MaxValue)
            {
                VisitRange<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref vectors, explicitIds, ref firstExplicitId, firstId, start, start + 64, ref filter, ref top);
                continue;
            }

            while (bits != 0)
            {
                int i = start + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                long id = explicitIds ? Unsafe.Add(ref firstExplicitId, i) : firstId + i;
                Visit<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref Unsafe.Add(ref vectors, (nint)i * dimensions), id, ref filter, ref top);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VisitRange<TScorer, TOrder, TFilter>(ref float query, double prepared, int dimensions, ref float vectors, bool explicitIds, ref long firstExplicitId, long firstId, int start, int end, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        ref float vector = ref Unsafe.Add(ref vectors, (nint)start * dimensions);
        for (int i = start; i < end; i++)
        {
            long id = explicitIds ? Unsafe.Add(ref firstExplicitId, i) : firstId + i;
            Visit<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref vector, id, ref filter, ref top);
            vector = ref Unsafe.Add(ref vector, dimensions);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Visit<TScorer, TOrder, TFilter>(ref float query, double prepared, int dimensions, ref float vector, long id, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        // The filter goes first: a WHERE clause that rejects a row saves its distance.
        if (filter.Accepts(id))
        {
            top.TryAdd(id, TOrder.Key(TScorer.Score(ref query, ref vector, dimensions, prepared)));
        }
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
