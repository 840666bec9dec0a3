using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Exact scoring of the float32 vectors of inverted lists, compiled once per metric through a struct <see cref="IScorer"/>.</summary>
internal static class ListScan
{
    /// <summary>Offers every live, accepted vector of <paramref name="view"/> to <paramref name="top"/> by score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan<TScorer, TFilter>(ReadOnlySpan<float> query, double prepared, ListView view, TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        int d = query.Length;
        nint stride = d * sizeof(float);
        ref byte q = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(query));
        ref byte data = ref MemoryMarshal.GetReference(view.Data);
        int count = view.Count;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Vector128<float> scores = TScorer.ScoreFour(ref q, ref Unsafe.Add(ref data, i * stride), stride, d, prepared);
            // Once the heap is full most groups of four lose all at once.
            if (Vector128.LessThanOrEqualAny(scores, Vector128.Create(top.Threshold)))
            {
                for (int j = 0; j < 4; j++)
                {
                    Offer(view, i + j, scores[j], filter, ref top);
                }
            }
        }

        for (; i < count; i++)
        {
            Offer(view, i, TScorer.Score(ref q, ref Unsafe.Add(ref data, i * stride), d, prepared), filter, ref top);
        }
    }

    /// <summary>Sorts scored results, converts each score into its reported distance and restores distance-then-id order.</summary>
    /// <remarks>A square root can map two different scores to one distance, so the id order of ties is re-checked.</remarks>
    public static void ToDistances<TScorer>(Span<Neighbor> results)
        where TScorer : struct, IScorer
    {
        for (int i = 0; i < results.Length; i++)
        {
            Neighbor item = new(results[i].Id, ScorerResults.ToDistance<TScorer>(results[i].Distance));
            int j = i;
            while (j > 0 && NeighborOrder.Compare(results[j - 1].Distance, results[j - 1].Id, item.Distance, item.Id) > 0)
            {
                results[j] = results[j - 1];
                j--;
            }

            results[j] = item;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer<TFilter>(ListView view, int position, float score, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        if (score <= top.Threshold && !view.IsDeleted(position))
        {
            long id = view.Ids[position];
            if (filter.Accepts(id))
            {
                top.TryAdd(id, score);
            }
        }
    }
}
