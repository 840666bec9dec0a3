namespace VecStore.Indexes.Hnsw;

/// <summary>A small lock-free pool of <see cref="SearchContext"/>s, so that a search allocates nothing once warm.</summary>
/// <remarks>
/// Slots are taken and returned with interlocked exchanges; when every slot is empty a new
/// context is made, and when every slot is full a returned one is left to the collector.
/// </remarks>
internal sealed class SearchContextPool(int dimensions, int maxNeighbors)
{
    private readonly SearchContext?[] _slots = new SearchContext?[Math.Max(4, 2 * Environment.ProcessorCount)];

    public SearchContext Rent(int nodeCapacity)
    {
        SearchContext?[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            SearchContext? context = Interlocked.Exchange(ref slots[i], null);
            if (context is not null)
            {
                return context;
            }
        }

        return new SearchContext(nodeCapacity, dimensions, maxNeighbors);
    }

    public void Return(SearchContext context)
    {
        SearchContext?[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], context, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>Bytes the pooled contexts' visited sets take.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            foreach (SearchContext? context in _slots)
            {
                bytes += context?.Visited.MemoryBytes ?? 0;
            }

            return bytes;
        }
    }
}
