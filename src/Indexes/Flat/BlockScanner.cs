using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>The inner loop of a flat scan: every present, accepted vector of one block, offered to a <see cref="TopK"/>.</summary>
/// <remarks>
/// Metric, order and filter are struct type parameters, so each combination is compiled on its
/// own with the scorer and the filter call inlined, and <see cref="AcceptAll"/> costs nothing.
/// </remarks>
internal static class BlockScanner
{
    // How far ahead of the vectors being scored a dense run is prefetched: about one memory
    // latency's worth of data at full bandwidth (~100 ns at ~36 GB/s is ~4 KB), doubled for slack.
    // Measured single-threaded with interleaved runs: from memory, 60,000 x 784 aligned floats went
    // from ~29 to ~34 GB/s and 1,000,000 x 128 was unchanged; sources of 12-16 MB (in L3) gained
    // ~40%; sources that fit in L2 lose ~15%, a few microseconds a search. Prefetching every
    // other line instead was slower. A prefetch never faults, so reading past a block is harmless.
    // Measured again in one process over pages laid out as the vector file's, 4 KB to 32 KB and
    // the prefetcht1/t2/nta hints were all within a few percent of this.
    private const int ReadAheadBytes = 8192;

    /// <summary>Offers every present vector of block <paramref name="blockIndex"/> that the filter accepts.</summary>
    /// <remarks><paramref name="query"/> is the encoded query the scorer reads (see <see cref="IScorer"/>).</remarks>
    public static void ScanBlock<TScorer, TOrder, TFilter>(IVectorSource source, int blockIndex, ref byte query, double prepared, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        VectorBlock block = source.GetBlock(blockIndex);
        int count = block.Count;
        int dimensions = source.Dimensions;
        int stride = VectorElements.BytesPerVector(TScorer.Element, dimensions);
        ReadOnlySpan<byte> data = block.Data;
        ReadOnlySpan<long> ids = block.Ids;
        ReadOnlySpan<ulong> present = block.Present;

        // Validated once here so that the loops below can index without checks.
        Validate(block, blockIndex, stride);

        ref byte vectors = ref MemoryMarshal.GetReference(data);
        ref long firstExplicitId = ref MemoryMarshal.GetReference(ids);
        bool explicitIds = !ids.IsEmpty;
        long firstId = block.FirstId;

        if (present.IsEmpty)
        {
            VisitRange<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, stride, ref vectors, explicitIds, ref firstExplicitId, firstId, 0, count, ref filter, ref top);
            return;
        }

        // Whole words of present vectors, the last word's valid bits included, are gathered into
        // dense runs: they are scored four at a time and read ahead. A vector file page holds 83
        // vectors of 784 floats or 503 of 128, so its last word alone is 23% or 11% of the page.
        int runStart = -1;
        for (int word = 0, start = 0; start < count; word++, start += 64)
        {
            int remaining = count - start;

            // Bits past the end of the block mean nothing.
            ulong valid = remaining < 64 ? (1UL << remaining) - 1 : ulong.MaxValue;
            ulong bits = present[word] & valid;
            if (bits == valid)
            {
                runStart = runStart < 0 ? start : runStart;
                continue;
            }

            if (runStart >= 0)
            {
                VisitRange<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, stride, ref vectors, explicitIds, ref firstExplicitId, firstId, runStart, start, ref filter, ref top);
                runStart = -1;
            }

            while (bits != 0)
            {
                int i = start + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                long id = explicitIds ? Unsafe.Add(ref firstExplicitId, i) : firstId + i;
                Visit<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref Unsafe.Add(ref vectors, (nint)i * stride), id, ref filter, ref top);
            }
        }

        if (runStart >= 0)
        {
            VisitRange<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, stride, ref vectors, explicitIds, ref firstExplicitId, firstId, runStart, count, ref filter, ref top);
        }
    }

    /// <summary>Throws when <paramref name="block"/> declares more vectors than its data, ids or presence words hold.</summary>
    public static void Validate(VectorBlock block, int blockIndex, int stride)
    {
        int count = block.Count;
        if (block.Data.Length < (long)count * stride)
        {
            ThrowHelper.BlockTooShort(blockIndex, "vector bytes", (long)count * stride, block.Data.Length);
        }

        if (!block.Ids.IsEmpty && block.Ids.Length < count)
        {
            ThrowHelper.BlockTooShort(blockIndex, "ids", count, block.Ids.Length);
        }

        if (!block.Present.IsEmpty && block.Present.Length < (count + 63) >> 6)
        {
            ThrowHelper.BlockTooShort(blockIndex, "presence words", (count + 63) >> 6, block.Present.Length);
        }
    }

    private static void VisitRange<TScorer, TOrder, TFilter>(ref byte query, double prepared, int dimensions, int stride, ref byte vectors, bool explicitIds, ref long firstExplicitId, long firstId, int start, int end, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        // Four vectors a step: one kernel call shares the query's loads and keeps four vectors'
        // loads in flight; its scores equal the one-vector kernel's bit for bit.
        ref byte vector = ref Unsafe.Add(ref vectors, (nint)start * stride);
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            ReadAhead(ref vector, 4 * stride);

            // The filter goes first: a WHERE clause that rejects a row saves its distance. Without
            // one the ids are only looked up for the rare step that beats the threshold.
            if (typeof(TFilter) != typeof(AcceptAll) && !AcceptsFour(ref filter, explicitIds, ref firstExplicitId, firstId, i))
            {
                OfferAccepted<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, stride, ref vector, explicitIds, ref firstExplicitId, firstId, i, ref filter, ref top);
            }
            else
            {
                Vector128<float> keys = TOrder.Key(TScorer.ScoreFour(ref query, ref vector, stride, dimensions, prepared));

                // Once the top k is full, nearly every step loses on this one comparison.
                if (!AllLose(keys, top.Threshold))
                {
                    OfferFour<TScorer, TOrder>(keys, ref query, ref vector, stride, dimensions, explicitIds, ref firstExplicitId, firstId, i, ref top);
                }
            }

            vector = ref Unsafe.Add(ref vector, 4 * stride);
        }

        for (; i < end; i++)
        {
            long id = explicitIds ? Unsafe.Add(ref firstExplicitId, i) : firstId + i;
            Visit<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref vector, id, ref filter, ref top);
            vector = ref Unsafe.Add(ref vector, stride);
        }
    }

    /// <summary>Asks for the cache lines of <paramref name="bytes"/> bytes (the vectors about to be scored), <see cref="ReadAheadBytes"/> past <paramref name="vector"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void ReadAhead(ref byte vector, int bytes)
    {
        if (Sse.IsSupported)
        {
            // A raw address, not a ref, so the GC never sees a pointer past the end of the block;
            // if the memory moves meanwhile the prefetch is merely wasted.
            byte* line = (byte*)Unsafe.AsPointer(ref vector) + ReadAheadBytes;
            byte* end = line + bytes;

            // One line a step: issuing four back to back (to save loop overhead) was measured
            // slower from memory, 21 against 27 GB/s on 1,000,000 x 128.
            for (; line < end; line += 64)
            {
                Sse.Prefetch0(line);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long IdAt(bool explicitIds, ref long firstExplicitId, long firstId, int i) =>
        explicitIds ? Unsafe.Add(ref firstExplicitId, i) : firstId + i;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AcceptsFour<TFilter>(ref TFilter filter, bool explicitIds, ref long firstExplicitId, long firstId, int i)
        where TFilter : struct, IRowFilter =>
        filter.Accepts(IdAt(explicitIds, ref firstExplicitId, firstId, i))
        & filter.Accepts(IdAt(explicitIds, ref firstExplicitId, firstId, i + 1))
        & filter.Accepts(IdAt(explicitIds, ref firstExplicitId, firstId, i + 2))
        & filter.Accepts(IdAt(explicitIds, ref firstExplicitId, firstId, i + 3));

    private static void OfferFour<TScorer, TOrder>(Vector128<float> keys, ref byte query, ref byte vector, int stride, int dimensions, bool explicitIds, ref long firstExplicitId, long firstId, int i, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
    {
        for (int j = 0; j < 4; j++)
        {
            Offer<TScorer, TOrder>(ref top, IdAt(explicitIds, ref firstExplicitId, firstId, i + j), keys[j], ref query, ref Unsafe.Add(ref vector, j * stride), dimensions);
        }
    }

    /// <summary>Offers one scored vector: rejected on its float32 key when that surely loses, else ranked by its exact score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Offer<TScorer, TOrder>(ref TopK top, long id, float key, ref byte query, ref byte vector, int dimensions)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
    {
        if (!Loses(key, top.Threshold))
        {
            top.TryAdd(id, TOrder.Key(ScorerResults.Exact<TScorer>(TOrder.Score(key), ref query, ref vector, dimensions)));
        }
    }

    /// <summary>Whether a float32 key surely loses to a top k whose (float) threshold is <paramref name="threshold"/>.</summary>
    /// <remarks>
    /// A key above the threshold loses, unless float32 may have lost its value
    /// (<see cref="ScoreReliability"/>): an infinite key (an overflowed sum may hide a finite score),
    /// NaN (never greater), or a key near zero where terms may have underflowed, unless the threshold
    /// itself lies clearly below zero. Those few are scored again in double.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Loses(float key, float threshold) =>
        key > threshold && key < float.PositiveInfinity && (MathF.Abs(key) >= ScoreReliability.Tiny || threshold < -2 * ScoreReliability.Tiny);

    /// <summary><see cref="Loses"/> for four keys at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool AllLose(Vector128<float> keys, float threshold) =>
        Vector128.GreaterThanAll(keys, Vector128.Create(threshold))
        && Vector128.LessThanAll(keys, Vector128.Create(float.PositiveInfinity))
        && (Vector128.GreaterThanOrEqualAll(Vector128.Abs(keys), Vector128.Create(ScoreReliability.Tiny)) || threshold < -2 * ScoreReliability.Tiny);

    /// <summary>Scores, one by one, those of four vectors the filter accepts (asking it again: filters are cheap next to a distance).</summary>
    private static void OfferAccepted<TScorer, TOrder, TFilter>(ref byte query, double prepared, int dimensions, int stride, ref byte vector, bool explicitIds, ref long firstExplicitId, long firstId, int i, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        for (int j = 0; j < 4; j++)
        {
            Visit<TScorer, TOrder, TFilter>(ref query, prepared, dimensions, ref Unsafe.Add(ref vector, j * stride), IdAt(explicitIds, ref firstExplicitId, firstId, i + j), ref filter, ref top);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Visit<TScorer, TOrder, TFilter>(ref byte query, double prepared, int dimensions, ref byte vector, long id, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        // The filter goes first: a WHERE clause that rejects a row saves its distance.
        if (filter.Accepts(id))
        {
            Offer<TScorer, TOrder>(ref top, id, TOrder.Key(TScorer.Score(ref query, ref vector, dimensions, prepared)), ref query, ref vector, dimensions);
        }
    }
}
