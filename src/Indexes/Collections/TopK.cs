using System.Runtime.CompilerServices;

namespace VecStore.Indexes.Collections;

/// <summary>Keeps the k best (smallest) of a stream of (distance, id) candidates.</summary>
/// <remarks>
/// A max-heap over storage the caller provides, so adding never allocates. Candidates are
/// ordered by distance, then by smaller id, with NaN distances last; the kept set is therefore
/// the same whatever order candidates arrive in. Once full, most candidates are rejected by
/// comparing with <see cref="Threshold"/> alone. Distances are kept as doubles (a float32 score
/// widens exactly; a score computed again in double keeps its range), while the threshold is the
/// smallest float at or above the worst kept distance, so that float32 scans compare float with
/// float and never reject a candidate that belongs in. Not thread-safe: use one per thread and merge.
/// </remarks>
public ref struct TopK
{
    private readonly Span<Neighbor> _heap;
    private int _count;
    private float _threshold;

    /// <summary>Creates an empty collector that keeps up to <c>storage.Length</c> candidates in <paramref name="storage"/>.</summary>
    /// <remarks>The storage is overwritten; it must not be used otherwise while the collector is.</remarks>
    public TopK(Span<Neighbor> storage)
    {
        _heap = storage;
        _count = 0;

        // With no capacity the fast test rejects every candidate but -inf and NaN; the slow path rejects those.
        _threshold = storage.IsEmpty ? float.NegativeInfinity : float.PositiveInfinity;
    }

    /// <summary>Resumes a collector whose first <paramref name="count"/> items of <paramref name="storage"/> another collector over the same storage left behind.</summary>
    /// <remarks>For keeping many heaps in one array, as a batch search does: one per query, resumed for each insertion.</remarks>
    internal TopK(Span<Neighbor> storage, int count)
        : this(storage)
    {
        _count = count;
        if (count == storage.Length && count > 0)
        {
            _threshold = FloatAtLeast(storage[0].Distance);
        }
    }

    /// <summary>The k of top-k: how many candidates are kept at most.</summary>
    public readonly int Capacity => _heap.Length;

    /// <summary>How many candidates are kept now.</summary>
    public readonly int Count => _count;

    /// <summary>Whether <see cref="Count"/> has reached <see cref="Capacity"/>.</summary>
    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>A candidate with a larger distance is rejected: the worst kept distance once full (rounded up to a float), else +∞ (−∞ when the capacity is 0).</summary>
    public readonly float Threshold => _threshold;

    /// <summary>The kept candidates in heap order (not sorted); valid until the next add.</summary>
    public readonly ReadOnlySpan<Neighbor> Items => _heap[.._count];

    /// <summary>Offers a candidate; returns true when it was kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(long id, float distance)
    {
        // Once full, nearly every candidate of a scan loses on this one comparison.
        if (distance > _threshold)
        {
            return false;
        }

        return AddSlow(id, distance);
    }

    /// <summary>Offers a candidate whose distance was computed in double; returns true when it was kept.</summary>
    public bool TryAdd(long id, double distance)
    {
        if (distance > _threshold)
        {
            return false;
        }

        return AddSlow(id, distance);
    }

    /// <summary>Writes the kept candidates, best first, to <paramref name="destination"/> and returns how many.</summary>
    /// <remarks>
    /// <paramref name="destination"/> needs room for <see cref="Count"/> items and may be the storage
    /// span itself; in that case the collector is consumed and must not be used afterwards.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    public readonly int CopySortedTo(Span<Neighbor> destination)
    {
        if (destination.Length < _count)
        {
            ThrowHelper.LengthMismatch(nameof(destination), _count, destination.Length);
        }

        Span<Neighbor> sorted = destination[.._count];
        _heap[.._count].CopyTo(sorted);

        // The copy is a max-heap; moving its root to the end, over and over, leaves it ascending.
        // (Span.Sort with a struct comparer would allocate a delegate on every call.)
        for (int end = _count - 1; end > 0; end--)
        {
            Neighbor worst = sorted[0];
            SiftDown(sorted[..end], sorted[end]);
            sorted[end] = worst;
        }

        return _count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AddSlow(long id, double distance)
    {
        Span<Neighbor> heap = _heap;
        if (_count < heap.Length)
        {
            SiftUp(heap, _count, new Neighbor(id, distance));
            _count++;
            if (_count == heap.Length)
            {
                _threshold = FloatAtLeast(heap[0].Distance);
            }

            return true;
        }

        if (heap.IsEmpty || NeighborOrder.Compare(distance, id, heap[0].Distance, heap[0].Id) >= 0)
        {
            return false;
        }

        SiftDown(heap[.._count], new Neighbor(id, distance));
        _threshold = FloatAtLeast(heap[0].Distance);
        return true;
    }

    /// <summary>The smallest float at or above <paramref name="distance"/> (+∞ past float's range, NaN for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FloatAtLeast(double distance)
    {
        float rounded = (float)distance;
        return rounded < distance ? MathF.BitIncrement(rounded) : rounded;
    }

    /// <summary>Places <paramref name="item"/> at the free slot <paramref name="index"/> and moves it up past better parents.</summary>
    private static void SiftUp(Span<Neighbor> heap, int index, Neighbor item)
    {
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (NeighborOrder.Compare(heap[parent].Distance, heap[parent].Id, item.Distance, item.Id) >= 0)
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = item;
    }

    /// <summary>Replaces the root (the worst) with <paramref name="item"/> and moves it down past worse children.</summary>
    private static void SiftDown(Span<Neighbor> heap, Neighbor item)
    {
        int index = 0;
        int count = heap.Length;
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && NeighborOrder.Compare(heap[child + 1].Distance, heap[child + 1].Id, heap[child].Distance, heap[child].Id) > 0)
            {
                child++;
            }

            if (NeighborOrder.Compare(heap[child].Distance, heap[child].Id, item.Distance, item.Id) <= 0)
            {
                break;
            }

            heap[index] = heap[child];
            index = child;
        }

        heap[index] = item;
    }
}
