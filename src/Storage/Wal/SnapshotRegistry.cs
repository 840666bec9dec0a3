namespace VecStore.Storage.Wal;

/// <summary>The LSNs that open statements and transactions read at; a checkpoint never moves pages past the oldest.</summary>
/// <remarks>
/// A reader registers before it reads its LSN (with a placeholder of 0, which holds every
/// checkpoint back), so there is no moment when its snapshot exists but is not counted.
/// </remarks>
internal sealed class SnapshotRegistry
{
    private readonly Dictionary<int, long> _open = [];
    private int _nextToken;

    /// <summary>Registers a reader whose LSN is not known yet.</summary>
    public int Enter()
    {
        lock (_open)
        {
            int token = ++_nextToken;
            _open[token] = 0;
            return token;
        }
    }

    /// <summary>Records the LSN a registered reader reads at.</summary>
    public void Set(int token, long lsn)
    {
        lock (_open)
            _open[token] = lsn;
    }

    public void Exit(int token)
    {
        lock (_open)
            _open.Remove(token);
    }

    /// <summary>The oldest LSN any reader reads at, or <paramref name="none"/> when there are none.</summary>
    public long Oldest(long none)
    {
        lock (_open)
        {
            long oldest = none;
            foreach (var lsn in _open.Values)
                oldest = Math.Min(oldest, lsn);
            return oldest;
        }
    }
}
