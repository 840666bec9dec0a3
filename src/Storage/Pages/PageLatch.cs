namespace VecStore.Storage.Pages;

/// <summary>Shared/exclusive latch over the vector pages: statements read under it shared, a checkpoint writes under it exclusive.</summary>
/// <remarks>
/// Not tied to threads (a data reader may be read from several threads in turn), and readers
/// are never made to wait for a waiting writer, so a statement that already reads cannot
/// deadlock against a checkpoint; the checkpoint waits for readers to finish, or gives up.
/// </remarks>
internal sealed class PageLatch
{
    private readonly object _gate = new();
    private int _readers;
    private bool _writer;

    public void EnterShared()
    {
        lock (_gate)
        {
            while (_writer)
                Monitor.Wait(_gate);
            _readers++;
        }
    }

    public void ExitShared()
    {
        lock (_gate)
        {
            if (--_readers == 0)
                Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for all readers to leave; false when they did not.</summary>
    public bool TryEnterExclusive(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_writer || _readers > 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                {
                    if (_writer || _readers > 0)
                        return false;
                }
            }
            _writer = true;
            return true;
        }
    }

    public void ExitExclusive()
    {
        lock (_gate)
        {
            _writer = false;
            Monitor.PulseAll(_gate);
        }
    }
}
