using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>Range search: every vector whose distance to the query lies within given bounds, however many there are.</summary>
public sealed partial class FlatIndex
{
    /// <summary>Appends to <paramref name="results"/> every vector accepted by <paramref name="filter"/> whose distance lies within <paramref name="bounds"/>.</summary>
    /// <remarks>
    /// <para>
    /// Distances are the ones <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>
    /// reports, bit for bit, so a vector is within exactly when the distance a search would give it is.
    /// Results come in scan order (block by block), not sorted by distance.
    /// </para>
    /// <para>
    /// The scan runs on the calling thread. Nothing is allocated per vector; the list grows as it
    /// usually does, so a caller that knows about how many will match can set its capacity first.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, a bit query holds a value other than 0 or 1, or the source hands out a malformed block.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked before each block).</exception>
    public void SearchRange<TFilter>(ReadOnlySpan<float> query, DistanceBounds bounds, TFilter filter, List<Neighbor> results, CancellationToken cancellationToken = default)
        where TFilter : struct, IRowFilter
    {
        ArgumentNullException.ThrowIfNull(results);
        switch (ElementType, Metric)
        {
            case (VectorElement.Float32, Metric.L2): SearchRange<L2Scorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float32, Metric.Cosine): SearchRange<CosineScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float32, Metric.InnerProduct): SearchRange<InnerProductScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float32, _): SearchRange<L1Scorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float16, Metric.L2): SearchRange<Float16L2Scorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float16, Metric.Cosine): SearchRange<Float16CosineScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float16, Metric.InnerProduct): SearchRange<Float16InnerProductScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (VectorElement.Float16, _): SearchRange<Float16L1Scorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            case (_, Metric.Hamming): SearchRange<HammingScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
            default: SearchRange<JaccardScorer, TFilter>(query, bounds, filter, results, cancellationToken); break;
        }
    }

    private void SearchRange<TScorer, TFilter>(ReadOnlySpan<float> query, DistanceBounds bounds, TFilter filter, List<Neighbor> results, CancellationToken cancellationToken)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
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
            if (bounds.IsEmpty)
            {
                return;
            }

            double prepared = TScorer.Prepare(query);
            ref byte q = ref MemoryMarshal.GetReference(encoded);
            int blockCount = _vectors.BlockCount;
            for (int b = 0; b < blockCount; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanBlockForRange<TScorer, TFilter>(b, ref q, prepared, bounds, ref filter, results);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private void ScanBlockForRange<TScorer, TFilter>(int blockIndex, ref byte query, double prepared, DistanceBounds bounds, ref TFilter filter, List<Neighbor> results)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        VectorBlock block = _vectors.GetBlock(blockIndex);
        int dimensions = _vectors.Dimensions;
        int stride = VectorElements.BytesPerVector(TScorer.Element, dimensions);
        BlockScanner.Validate(block, blockIndex, stride);
        ref byte vectors = ref MemoryMarshal.GetReference(block.Data);
        foreach ((int start, int end) in new PresentRuns(block))
        {
            int i = start;

            // Four vectors a step where all four are wanted: one kernel call shares the query's
            // loads, and its scores equal the one-vector kernel's bit for bit.
            for (; i + 4 <= end; i += 4)
            {
                if (typeof(TFilter) != typeof(AcceptAll)
                    && !(filter.Accepts(block.IdAt(i)) & filter.Accepts(block.IdAt(i + 1)) & filter.Accepts(block.IdAt(i + 2)) & filter.Accepts(block.IdAt(i + 3))))
                {
                    for (int j = i; j < i + 4; j++)
                    {
                        OfferForRange<TScorer, TFilter>(ref query, ref vectors, j, stride, dimensions, prepared, bounds, ref filter, block, results);
                    }

                    continue;
                }

                BlockScanner.ReadAhead(ref Unsafe.Add(ref vectors, (nint)i * stride), 4 * stride);
                ref byte first = ref Unsafe.Add(ref vectors, (nint)i * stride);
                Vector128<float> scores = TScorer.ScoreFour(ref query, ref first, stride, dimensions, prepared);
                for (int j = 0; j < 4; j++)
                {
                    AddIfWithin<TScorer>(block.IdAt(i + j), scores[j], ref query, ref Unsafe.Add(ref first, j * stride), dimensions, bounds, results);
                }
            }

            for (; i < end; i++)
            {
                OfferForRange<TScorer, TFilter>(ref query, ref vectors, i, stride, dimensions, prepared, bounds, ref filter, block, results);
            }
        }
    }

    private static void OfferForRange<TScorer, TFilter>(ref byte query, ref byte vectors, int position, int stride, int dimensions, double prepared, DistanceBounds bounds, ref TFilter filter, VectorBlock block, List<Neighbor> results)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        long id = block.IdAt(position);
        if (filter.Accepts(id))
        {
            ref byte vector = ref Unsafe.Add(ref vectors, (nint)position * stride);
            AddIfWithin<TScorer>(id, TScorer.Score(ref query, ref vector, dimensions, prepared), ref query, ref vector, dimensions, bounds, results);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddIfWithin<TScorer>(long id, float score, ref byte query, ref byte vector, int dimensions, DistanceBounds bounds, List<Neighbor> results)
        where TScorer : struct, IScorer
    {
        // The reported distance, not the score, is compared: for L2 the square root rounds, and a
        // bound must give the same answer as the distance a search would print.
        double distance = ScorerResults.ToDistance<TScorer>(ScorerResults.Exact<TScorer>(score, ref query, ref vector, dimensions));
        if (bounds.Contains(distance))
        {
            results.Add(new Neighbor(id, distance));
        }
    }
}
