using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Hnsw;

/// <summary>A binary max-heap of scored nodes over a reused array: the farthest node is on top.</summary>
/// <remarks>
/// A walk keeps two: its results, where the top is the one to evict, and its candidates, pushed
/// with negated scores so that the top is the nearest node still to expand. Negation is exact
/// for every float, so the order is the same as a min-heap's.
/// </remarks>
internal sealed class NodeHeap
{
    private ScoredNode[] _items;
    private int _count;

    public NodeHeap(int capacity)
    {
        _items = new ScoredNode[Math.Max(capacity, 16)];
    }

    public int Count => _count;

    /// <summary>The largest score; only when <see cref="Count"/> &gt; 0.</summary>
    public float TopScore => _items[0].Score;

    /// <summary>The node with the largest score; only when <see cref="Count"/> &gt; 0.</summary>
    public int TopNode => _items[0].Node;

    /// <summary>The items in heap order, for callers that take them all.</summary>
    public Span<ScoredNode> Items => _items.AsSpan(0, _count);

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float score, int node)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        ScoredNode[] items = _items;
        int index = _count++;
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (items[parent].Score >= score)
            {
                break;
            }

            items[index] = items[parent];
            index = parent;
        }

        items[index] = new ScoredNode(score, node);
    }

    /// <summary>Removes the top item.</summary>
    public void Pop()
    {
        ScoredNode[] items = _items;
        int count = --_count;
        if (count == 0)
        {
            return;
        }

        ScoredNode last = items[count];
        int index = 0;
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && items[child + 1].Score > items[child].Score)
            {
                child++;
            }

            if (items[child].Score <= last.Score)
            {
                break;
            }

            items[index] = items[child];
            index = child;
        }

        items[index] = last;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _items, _items.Length * 2);
}
