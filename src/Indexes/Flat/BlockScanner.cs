using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>Offers every present vector of block <paramref name="blockIndex"/> that the filter accepts.</summary>
    public static void ScanBlock<TScorer, TOrder, TFilter>(IVectorSource source, int blockIndex, ref float query, double prepared, ref TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TOrder : struct, IScanOrder
        where TFilter : struct, IRowFilter
    {
        VectorBlock block = source.GetBlock(blockIndex);
        int count = block.Count;
        int dimensions = source.Dimensions;
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
}
