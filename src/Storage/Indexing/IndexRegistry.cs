namespace VecStore.Storage.Indexing;

/// <summary>The vector indexes this process has loaded for one database, by index id.</summary>
internal sealed class IndexRegistry : IDisposable
{
    private readonly Dictionary<long, VectorIndexState> _states = [];

    /// <summary>Held while an index is loaded, so that two queries do not load it twice.</summary>
    public object LoadGate { get; } = new();

    public int Count
    {
        get
        {
            lock (_states)
                return _states.Count;
        }
    }

    public VectorIndexState? Find(long indexId)
    {
        lock (_states)
            return _states.GetValueOrDefault(indexId);
    }

    public void Add(VectorIndexState state)
    {
        lock (_states)
        {
            _states[state.IndexId] = state;
        }
    }

    /// <summary>Forgets an index and deletes its file (after a committed DROP INDEX or DROP TABLE).</summary>
    public void Drop(long indexId, string? path)
    {
        // Not disposed: a search in another session may still be walking the graph (its memory
        // may be a mapping of the file); the garbage collector releases it when nobody does.
        lock (_states)
            _states.Remove(indexId);
        if (path is not null)
            IndexFiles.Delete(path);
    }

    /// <summary>The oldest LSN any loaded index covers, or <paramref name="none"/>: the overlay keeps every change after it.</summary>
    public long MinCovered(long none)
    {
        lock (_states)
        {
            long min = none;
            foreach (var state in _states.Values)
                min = Math.Min(min, state.CoveredLsn);
            return min;
        }
    }

    public List<VectorIndexState> All()
    {
        lock (_states)
            return [.. _states.Values];
    }

    public void Dispose()
    {
        lock (_states)
        {
            foreach (var state in _states.Values)
                state.Dispose();
            _states.Clear();
        }
    }
}
