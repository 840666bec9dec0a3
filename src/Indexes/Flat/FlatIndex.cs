using System.Buffers;
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
/// Reported distances are bit for bit those of
/// <see cref="DistanceKernels.Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>.
/// </para>
/// <para>
/// The source may store float32, float16 or bit vectors (<see cref="IVectorSource.ElementType"/>);
/// queries are float32 with one element per dimension in every case. A float16 source is compared
/// with the float32 query directly. For a bit source each query element is 0 or 1, and the query is
/// packed into words once per search.
/// </para>
/// <para>
/// Large scans are split over up to <see cref="FlatSearchOptions.MaxThreads"/> threads; the
/// filter is then called from several threads at once and must be safe for that. Thread-safe
/// for concurrent searches as long as the source is.
/// </para>
/// </remarks>
public sealed partial class FlatIndex : IVectorIndex
{
    // Bit queries up to this many words are packed on the stack.
    private const int StackQueryWords = 256;

    private readonly IVectorSource _vectors;

    /// <summary>Creates an index over <paramref name="vectors"/> with the default options.</summary>
    /// <exception cref="ArgumentException"><paramref name="metric"/> cannot compare the source's element type (<see cref="VectorElements.Supports"/>).</exception>
    public FlatIndex(IVectorSource vectors, Metric metric)
        : this(vectors, metric, FlatSearchOptions.Default)
    {
    }

    /// <summary>Creates an index over <paramref name="vectors"/> whose searches use <paramref name="options"/> unless given others.</summary>
    /// <exception cref="ArgumentException"><paramref name="metric"/> cannot compare the source's element type (<see cref="VectorElements.Supports"/>).</exception>
    public FlatIndex(IVectorSource vectors, Metric metric, FlatSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(metric))
        {
            ThrowHelper.UnknownMetric(metric);
        }

        VectorElement element = vectors.ElementType;
        if (!Enum.IsDefined(element) || !VectorElements.Supports(element, metric))
        {
            ThrowHelper.UnsupportedMetric(element, metric);
        }

        _vectors = vectors;
        ElementType = element;
        Metric = metric;
        Options = options;
    }

    /// <inheritdoc />
    public string Kind => "flat";

    /// <inheritdoc />
    public Metric Metric { get; }

    /// <summary>How the source stores its vectors.</summary>
    public VectorElement ElementType { get; }

    /// <summary>Number of elements in each vector; queries must hold this many floats.</summary>
    public int Dimensions => _vectors.Dimensions;

    /// <summary>The options searches use when none are passed.</summary>
    public FlatSearchOptions Options { get; }

    /// <summary>Writes the <c>results.Length</c> nearest vectors accepted by <paramref name="filter"/>, nearest first, and returns how many were written.</summary>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, a bit query holds a value other than 0 or 1, or the source hands out a malformed block.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Scan<NearestFirst, TFilter>(query, filter, results, Options);

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with per-search <paramref name="options"/>.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TFilter : struct, IRowFilter =>
        Scan<NearestFirst, TFilter>(query, filter, results, options);

    /// <summary>Writes the <c>results.Length</c> farthest vectors accepted by <paramref name="filter"/>, farthest first, and returns how many were written.</summary>
    /// <remarks>Serves <c>ORDER BY distance DESC</c>; ties still go to the smaller id, NaN distances still come last.</remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, a bit query holds a value other than 0 or 1, or the source hands out a malformed block.</exception>
    public int SearchFarthest<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Scan<FarthestFirst, TFilter>(query, filter, results, Options);

    /// <summary>As <see cref="SearchFarthest{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with per-search <paramref name="options"/>.</summary>
    public int SearchFarthest<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TFilter : struct, IRowFilter =>
        Scan<FarthestFirst, TFilter>(query, filter, results, options);

    /// <summary>Ranks only the vectors with the given <paramref name="ids"/>, nearest first, and returns how many results were written.</summary>
    /// <remarks>
    /// The path for a WHERE clause that has already chosen a small candidate set: each vector is
    /// fetched with <see cref="IVectorSource.GetVectorData"/>. Ids without a vector are skipped. The
    /// ids are expected to be distinct; a repeated id is ranked once per occurrence.
    /// </remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, a bit query holds a value other than 0 or 1, or the source returns a vector of another size.</exception>
    public int SearchCandidates(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results) =>
        RankCandidates<NearestFirst>(query, ids, results);

    /// <summary>Ranks only the vectors with the given <paramref name="ids"/>, farthest first, and returns how many results were written.</summary>
    /// <remarks>As <see cref="SearchCandidates"/>, in the order of <see cref="SearchFarthest{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>.</remarks>
    public int SearchCandidatesFarthest(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results) =>
        RankCandidates<FarthestFirst>(query, ids, results);

    private int Scan<TOrder, TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, FlatSearchOptions options)
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter =>
        (ElementType, Metric) switch
        {
            (VectorElement.Float32, Metric.L2) => Scan<L2Scorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float32, Metric.Cosine) => Scan<CosineScorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float32, Metric.InnerProduct) => Scan<InnerProductScorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float32, _) => Scan<L1Scorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float16, Metric.L2) => Scan<Float16L2Scorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float16, Metric.Cosine) => Scan<Float16CosineScorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float16, Metric.InnerProduct) => Scan<Float16InnerProductScorer, TOrder, TFilter>(query, filter, results, options),
            (VectorElement.Float16, _) => Scan<Float16L1Scorer, TOrder, TFilter>(query, filter, results, options),
            (_, Metric.Hamming) => Scan<HammingScorer, TOrder, TFilter>(query, filter, results, options),
            _ => Scan<JaccardScorer, TOrder, TFilter>(query, filter, results, options),
        };

    private int RankCandidates<TOrder>(ReadOnlySpan<float> query, ReadOnlySpan<long> ids, Span<Neighbor> results)
        where TOrder : struct, IScanOrder =>
        (ElementType, Metric) switch
        {
            (VectorElement.Float32, Metric.L2) => RankCandidates<L2Scorer, TOrder>(query, ids, results),
            (VectorElement.Float32, Metric.Cosine) => RankCandidates<CosineScorer, TOrder>(query, ids, results),
            (VectorElement.Float32, Metric.InnerProduct) => RankCandidates<InnerProductScorer, TOrder>(query, ids, results),
            (VectorElement.Float32, _) => RankCandidates<L1Scorer, TOrder>(query, ids, results),
            (VectorElement.Float16, Metric.L2) => RankCandidates<Float16L2Scorer, TOrder>(query, ids, results),
            (VectorElement.Float16, Metric.Cosine) => RankCandidates<Float16CosineScorer, TOrder>(query, ids, results),
            (VectorElement.Float16, Metric.InnerProduct) => RankCandidates<Float16InnerProductScorer, TOrder>(query, ids, results),
            (VectorElement.Float16, _) => RankCandidates<Float16L1Scorer, TOrder>(query, ids, results),
            (_, Metric.Hamming) => RankCandidates<HammingScorer, TOrder>(query, ids, results),
            _ => RankCandidates<JaccardScorer, TOrder>(query, ids, results),
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

        ulong[]? rented = null;
        int words = TScorer.Element == VectorElement.Bit ? VectorElements.BitWords(dimensions) : 0;
        Span<ulong> packed = words <= StackQueryWords ? stackalloc ulong[words] : (rented = ArrayPool<ulong>.Shared.Rent(words)).AsSpan(0, words);
        try
        {
            ReadOnlySpan<byte> encoded = EncodeQuery<TScorer>(query, packed);
            if (results.IsEmpty)
            {
                return 0;
            }

            double prepared = TScorer.Prepare(query);
            int threads = ChooseThreads(options, results.Length, queries: 1);
            int count;
            if (threads == 1)
            {
                // The heap lives in the caller's result span; nothing is rented.
                var top = new TopK(results);
                int blockCount = _vectors.BlockCount;
                ref byte q = ref MemoryMarshal.GetReference(encoded);
                CancellationToken token = options.CancellationToken;
                for (int b = 0; b < blockCount; b++)
                {
                    token.ThrowIfCancellationRequested();
                    BlockScanner.ScanBlock<TScorer, TOrder, TFilter>(_vectors, b, ref q, prepared, ref filter, ref top);
                }

                count = top.CopySortedTo(results);
            }
            else
            {
                count = ParallelBlockScan<TScorer, TOrder, TFilter>.Run(_vectors, encoded, prepared, filter, results, threads, options.CancellationToken);
            }

            ConvertToDistances<TScorer, TOrder>(results[..count]);
            return count;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The query as the scorer reads it: the floats themselves, or for bit sources the bits packed into <paramref name="packed"/>.</summary>
    private static ReadOnlySpan<byte> EncodeQuery<TScorer>(ReadOnlySpan<float> query, Span<ulong> packed)
        where TScorer : struct, IScorer
    {
        if (TScorer.Element != VectorElement.Bit)
        {
            return MemoryMarshal.AsBytes(query);
        }

        VectorElements.PackBits(query, packed);
        return MemoryMarshal.AsBytes(packed);
    }

    /// <summary>One thread when the scan is too small to repay the split, else up to <see cref="FlatSearchOptions.MaxThreads"/>.</summary>
    /// <remarks>The work counted is vectors × dimensions × <paramref name="queries"/>, in floats compared.</remarks>
    private int ChooseThreads(FlatSearchOptions options, int k, int queries)
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
        long perVector = (long)_vectors.Dimensions * queries;
        for (int b = 0; b < blockCount && work <= threshold; b++)
        {
            work += _vectors.GetBlock(b).Count * perVector;
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

        ulong[]? rented = null;
        int words = TScorer.Element == VectorElement.Bit ? VectorElements.BitWords(dimensions) : 0;
        Span<ulong> packed = words <= StackQueryWords ? stackalloc ulong[words] : (rented = ArrayPool<ulong>.Shared.Rent(words)).AsSpan(0, words);
        try
        {
            ReadOnlySpan<byte> encoded = EncodeQuery<TScorer>(query, packed);
            if (results.IsEmpty)
            {
                return 0;
            }

            int stride = VectorElements.BytesPerVector(TScorer.Element, dimensions);
            double prepared = TScorer.Prepare(query);
            ref byte q = ref MemoryMarshal.GetReference(encoded);
            var top = new TopK(results);
            foreach (long id in ids)
            {
                ReadOnlySpan<byte> vector = _vectors.GetVectorData(id);
                if (vector.IsEmpty)
                {
                    continue;
                }

                if (vector.Length != stride)
                {
                    ThrowHelper.VectorLengthMismatch(id, stride, vector.Length);
                }

                ref byte v = ref MemoryMarshal.GetReference(vector);
                BlockScanner.Offer<TScorer, TOrder>(ref top, id, TOrder.Key(TScorer.Score(ref q, ref v, dimensions, prepared)), ref q, ref v, dimensions);
            }

            int count = top.CopySortedTo(results);
            ConvertToDistances<TScorer, TOrder>(results[..count]);
            return count;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private static void ConvertToDistances<TScorer, TOrder>(Span<Neighbor> results)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
    {
        foreach (ref Neighbor n in results)
        {
            n = new Neighbor(n.Id, ScorerResults.ToDistance<TScorer>(TOrder.Score(n.Distance)));
        }
    }
}
