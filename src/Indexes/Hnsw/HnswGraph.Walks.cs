using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

/// <summary>The HNSW algorithm for one scorer: greedy descent, the beam search of a level, insertion and neighbour selection.</summary>
/// <remarks>
/// Scores are the scorer's order-preserving scores (squared distance for L2), the very values a
/// brute-force scan compares, so results need no rescoring: they are sorted by score and id and
/// converted to distances once.
/// </remarks>
internal sealed unsafe class HnswGraph<TScorer> : HnswGraph
    where TScorer : struct, IScorer
{
    public HnswGraph(NodeStore store, int dimensions, int efConstruction)
        : base(store, dimensions, efConstruction)
    {
    }

    public override int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int ef, bool hasDeletions)
    {
        if (query.Length != Dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), Dimensions, query.Length);
        }

        SearchContext context = Pool.Rent(Store.Capacity);
        try
        {
            ref byte q = ref EncodeQuery(query, context);
            long entry = Entry;
            if (results.IsEmpty || entry < 0)
            {
                return 0;
            }

            double prepared = TScorer.Prepare(query);
            int node = (int)entry;
            float score = Score(ref q, prepared, node);
            node = Descend(ref q, prepared, node, ref score, (int)(entry >> 32), 0);
            ef = Math.Max(ef, results.Length);
            if (!hasDeletions && typeof(TFilter) == typeof(AcceptAll))
            {
                SearchLevel(ref q, prepared, node, score, ef, 0, context, default(AnyNode));
            }
            else
            {
                SearchLevel(ref q, prepared, node, score, ef, 0, context, new LiveAccepted<TFilter>(Store, filter));
            }

            return CopyResults(context, results, ref q, query);
        }
        finally
        {
            Pool.Return(context);
        }
    }

    public override void Insert(int node, SearchContext context)
    {
        int level = Store.LevelOf(node);
        if (Entry < 0 && PublishEntry(node, level, onlyIfEmpty: true))
        {
            return;
        }

        long entry = Entry;
        int top = (int)(entry >> 32);
        ref byte q = ref EncodeStored(node, context.Query, out double prepared);
        int nearest = (int)entry;
        float nearestScore = Score(ref q, prepared, nearest);
        nearest = Descend(ref q, prepared, nearest, ref nearestScore, top, level);

        // First choose the node's own lists on every level, then link back: no other node can
        // reach this one before all of its lists are written.
        int linkedTop = Math.Min(level, top);
        for (int l = linkedTop; l >= 0; l--)
        {
            SearchLevel(ref q, prepared, nearest, nearestScore, EfConstruction, l, context, default(AnyNode));
            int count = TakeAscending(context.Results, context);
            nearest = context.Selection[0].Node;
            nearestScore = context.Selection[0].Score;
            int kept = SelectNeighbors(context, count, Store.M);
            ref int list = ref ListOf(node, l);
            for (int i = 0; i < kept; i++)
            {
                Unsafe.Add(ref list, 1 + i) = context.Kept[i];
            }

            Volatile.Write(ref list, kept);
        }

        for (int l = linkedTop; l >= 0; l--)
        {
            int count = CopyList(node, l, context.Linking);
            for (int i = 0; i < count; i++)
            {
                Connect(context.Linking[i], node, l, context);
            }
        }

        if (level > top)
        {
            PublishEntry(node, level, onlyIfEmpty: false);
        }
    }

    /// <summary>Greedy walk on the levels above <paramref name="bottom"/>: moves to a nearer neighbour until none is nearer.</summary>
    private int Descend(ref byte q, double prepared, int node, ref float score, int top, int bottom)
    {
        for (int level = top; level > bottom; level--)
        {
            bool moved = true;
            while (moved)
            {
                moved = false;
                ref int list = ref ListOf(node, level);
                int count = Volatile.Read(ref list);
                for (int i = 1; i <= count; i++)
                {
                    int neighbor = Unsafe.Add(ref list, i);
                    float s = Score(ref q, prepared, neighbor);
                    if (s < score)
                    {
                        score = s;
                        node = neighbor;
                        moved = true;
                    }
                }
            }
        }

        return node;
    }

    /// <summary>Beam search of one level from <paramref name="entry"/>, leaving the <paramref name="ef"/> nearest accepted nodes in the context's results.</summary>
    /// <remarks>
    /// Rejected and tombstoned nodes are expanded like any other, so that a filter cannot cut the
    /// graph apart; the walk ends when the nearest unexpanded candidate is farther than the worst
    /// of a full result list.
    /// </remarks>
    private void SearchLevel<TNodeFilter>(ref byte q, double prepared, int entry, float entryScore, int ef, int level, SearchContext context, TNodeFilter filter)
        where TNodeFilter : struct, INodeFilter
    {
        VisitedSet visited = context.Visited;
        NodeHeap candidates = context.Candidates;
        NodeHeap results = context.Results;
        visited.Clear(Store.Capacity);
        candidates.Clear();
        results.Clear();

        visited.TryVisit(entry);
        float bound = float.PositiveInfinity;
        if (filter.Accepts(entry))
        {
            results.Push(entryScore, entry);
            bound = entryScore;
        }

        candidates.Push(-entryScore, entry);
        while (candidates.Count > 0)
        {
            float score = -candidates.TopScore;
            if (score > bound && results.Count >= ef)
            {
                break;
            }

            int current = candidates.TopNode;
            candidates.Pop();
            ref int list = ref ListOf(current, level);
            int count = Volatile.Read(ref list);
            if (count > 0)
            {
                Prefetch(Unsafe.Add(ref list, 1));
            }

            for (int i = 1; i <= count; i++)
            {
                int neighbor = Unsafe.Add(ref list, i);
                if (i < count)
                {
                    Prefetch(Unsafe.Add(ref list, i + 1));
                }

                if (!visited.TryVisit(neighbor))
                {
                    continue;
                }

                float s = Score(ref q, prepared, neighbor);
                if (results.Count < ef || s < bound)
                {
                    candidates.Push(-s, neighbor);
                    if (filter.Accepts(neighbor))
                    {
                        results.Push(s, neighbor);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }

                        bound = results.TopScore;
                    }
                }
            }
        }
    }

    /// <summary>Adds <paramref name="newNode"/> to the list of <paramref name="node"/> on <paramref name="level"/>, choosing again when the list is full.</summary>
    private void Connect(int node, int newNode, int level, SearchContext context)
    {
        int max = level == 0 ? Store.MaxLinks0 : Store.M;
        lock (LockOf(node))
        {
            ref int list = ref ListOf(node, level);
            int count = list;
            if (count < max)
            {
                Unsafe.Add(ref list, 1 + count) = newNode;
                Volatile.Write(ref list, count + 1);
                return;
            }

            ref byte q = ref EncodeStored(node, context.Other, out double prepared);
            ScoredNode[] selection = context.Selection;
            for (int i = 0; i < count; i++)
            {
                int neighbor = Unsafe.Add(ref list, 1 + i);
                selection[i] = new ScoredNode(Score(ref q, prepared, neighbor), neighbor);
            }

            selection[count] = new ScoredNode(Score(ref q, prepared, newNode), newNode);
            SortByScore(selection.AsSpan(0, count + 1));
            int kept = SelectNeighbors(context, count + 1, max);

            // Searches may read the list meanwhile; every id they can see is a linked node.
            for (int i = 0; i < kept; i++)
            {
                Unsafe.Add(ref list, 1 + i) = context.Kept[i];
            }

            Volatile.Write(ref list, kept);
        }
    }

    /// <summary>The neighbour-selection heuristic over <c>context.Selection[..count]</c> (nearest first): keeps a candidate only when it is nearer the base than every candidate kept before it.</summary>
    /// <remarks>This spreads the links over directions instead of bunching them in one cluster, which keeps the graph navigable.</remarks>
    private int SelectNeighbors(SearchContext context, int count, int max)
    {
        ScoredNode[] selection = context.Selection;
        int[] kept = context.Kept;
        int keptCount = 0;
        for (int i = 0; i < count && keptCount < max; i++)
        {
            ScoredNode candidate = selection[i];
            bool diverse = true;
            if (keptCount > 0)
            {
                ref byte c = ref EncodeStored(candidate.Node, context.Other, out double prepared);
                for (int j = 0; j < keptCount; j++)
                {
                    if (Score(ref c, prepared, kept[j]) < candidate.Score)
                    {
                        diverse = false;
                        break;
                    }
                }
            }

            if (diverse)
            {
                kept[keptCount++] = candidate.Node;
            }
        }

        return keptCount;
    }

    /// <summary>Empties <paramref name="heap"/> into <c>context.Selection</c>, nearest first, and returns how many.</summary>
    private static int TakeAscending(NodeHeap heap, SearchContext context)
    {
        int count = heap.Count;
        if (context.Selection.Length < count)
        {
            context.Selection = new ScoredNode[count];
        }

        ScoredNode[] selection = context.Selection;
        for (int i = count - 1; i >= 0; i--)
        {
            selection[i] = new ScoredNode(heap.TopScore, heap.TopNode);
            heap.Pop();
        }

        return count;
    }

    /// <summary>Copies the list of <paramref name="node"/> on <paramref name="level"/> under its lock, since other insertions may be changing it.</summary>
    private int CopyList(int node, int level, int[] destination)
    {
        lock (LockOf(node))
        {
            ref int list = ref ListOf(node, level);
            int count = list;
            for (int i = 0; i < count; i++)
            {
                destination[i] = Unsafe.Add(ref list, 1 + i);
            }

            return count;
        }
    }

    /// <summary>Writes the results of a finished walk to <paramref name="results"/>, by score then id, as distances.</summary>
    private int CopyResults(SearchContext context, Span<Neighbor> results, ref byte q, ReadOnlySpan<float> query)
    {
        // A walk score that only orders like the distance is replaced by the exact distance here.
        bool rescore = typeof(TScorer) == typeof(InverseNormCosineScorer);
        double exactPrepared = rescore ? CosineScorer.Prepare(query) : 0;
        NodeHeap heap = context.Results;
        int count = heap.Count;
        if (context.Found.Length < count)
        {
            context.Found = new Neighbor[count];
        }

        Neighbor[] found = context.Found;
        for (int i = count - 1; i >= 0; i--)
        {
            // Final results carry the exact distance, in double where float32 lost it (ScoreReliability).
            ref byte record = ref Unsafe.AsRef<byte>(Store.Record(heap.TopNode));
            double score = rescore
                ? ScorerResults.Exact<CosineScorer>(CosineScorer.Score(ref q, ref record, Dimensions, exactPrepared), ref q, ref record, Dimensions)
                : ScorerResults.Exact<TScorer>(heap.TopScore, ref q, ref record, Dimensions);
            found[i] = new Neighbor(Store.IdOf(heap.TopNode), score);
            heap.Pop();
        }

        // The heap gave score order; equal scores still need the id order brute force uses.
        for (int i = 1; i < count; i++)
        {
            Neighbor item = found[i];
            int j = i - 1;
            while (j >= 0 && NeighborOrder.Compare(found[j].Distance, found[j].Id, item.Distance, item.Id) > 0)
            {
                found[j + 1] = found[j];
                j--;
            }

            found[j + 1] = item;
        }

        int written = Math.Min(count, results.Length);
        for (int i = 0; i < written; i++)
        {
            results[i] = new Neighbor(found[i].Id, ScorerResults.ToDistance<TScorer>(found[i].Distance));
        }

        return written;
    }

    private static void SortByScore(Span<ScoredNode> items)
    {
        for (int i = 1; i < items.Length; i++)
        {
            ScoredNode item = items[i];
            int j = i - 1;
            while (j >= 0 && items[j].Score > item.Score)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    /// <summary>The list of <paramref name="node"/> on <paramref name="level"/>: the count, then the ids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int ListOf(int node, int level) =>
        ref level == 0
            ? ref Unsafe.AsRef<int>(Store.Links0(node))
            : ref Store.UpperLinks(node)[(level - 1) * Store.UpperStride];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Score(ref byte q, double prepared, int node) =>
        TScorer.Score(ref q, ref Unsafe.AsRef<byte>(Store.Record(node)), Dimensions, prepared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(int node)
    {
        if (Sse.IsSupported)
        {
            byte* record = Store.Record(node);
            Sse.Prefetch0(record);
            Sse.Prefetch0(record + NodeStore.Alignment);
        }
    }

    /// <summary>The query as the scorer reads it: the floats themselves, or the bits packed into the context.</summary>
    private ref byte EncodeQuery(ReadOnlySpan<float> query, SearchContext context)
    {
        if (TScorer.Element != VectorElement.Bit)
        {
            return ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(query));
        }

        Span<ulong> packed = MemoryMarshal.Cast<float, ulong>(context.Query.AsSpan()).Slice(0, VectorElements.BitWords(Dimensions));
        VectorElements.PackBits(query, packed);
        return ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(packed));
    }

    /// <summary>A stored vector in query form, so that it can be compared with other stored vectors: float16 is widened into <paramref name="buffer"/>, the others are read in place.</summary>
    private ref byte EncodeStored(int node, float[] buffer, out double prepared)
    {
        byte* vector = Store.Record(node);
        if (TScorer.Element == VectorElement.Float16)
        {
            Span<float> widened = buffer.AsSpan(0, Dimensions);
            TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(vector, Dimensions), widened);
            prepared = TScorer.Prepare(widened);
            return ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(buffer));
        }

        prepared = TScorer.Element == VectorElement.Float32 ? TScorer.Prepare(new ReadOnlySpan<float>(vector, Dimensions)) : 0;
        return ref Unsafe.AsRef<byte>(vector);
    }
}
