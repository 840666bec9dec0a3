namespace VecStore.Storage.Pages;

/// <summary>Keeps other processes' checkpoints away from the vector pages while this process reads them, and this process's checkpoints away from theirs.</summary>
/// <remarks>
/// Within a process, readers and the checkpoint meet at the <see cref="PageLatch"/> and the
/// snapshot registry. Between processes there is no shared memory to publish snapshot LSNs in,
/// so the rule is coarser: while any statement or transaction of this process is open, the
/// process holds a shared lock on <see cref="LockFile.PagesByte"/>, and a checkpoint changes
/// pages only under the exclusive lock, which it gets only when no other process reads. Writes
/// never need it (they go to the log in SQLite), so readers never block a writer; a long read
/// transaction in another process postpones checkpoints, as SQLite's own readers do.
/// When this process starts reading again after a pause, another process may have checkpointed
/// meanwhile: <see cref="RefreshPending"/> tells the first reader to reload the file's header,
/// mapping and page directory before anyone reads a page.
/// </remarks>
internal sealed class ProcessPageGate(LockFile? lockFile)
{
    private readonly object _gate = new();
    private int _readers;
    private bool _checkpointing;
    private volatile bool _refreshPending = true;

    /// <summary>True when pages may have been changed by another process since this one last looked.</summary>
    public bool RefreshPending => _refreshPending;

    /// <summary>The lock file, or null when the database is not shared between processes.</summary>
    public LockFile? LockFile => lockFile;

    /// <summary>A statement or transaction starts reading: wait for another process's checkpoint to finish, then hold it off.</summary>
    /// <returns>False when another process's checkpoint held the pages for longer than <paramref name="timeout"/>.</returns>
    public bool EnterReader(TimeSpan timeout)
    {
        // Readers of this process that overlap would keep the shared lock for ever: while
        // another process's checkpoint is pending, new ones wait, so the old ones can drain.
        // (Queried, never locked: taking a lock on the byte would convert this process's own
        // pending lock, were its checkpoint waiting too.)
        var deadline = DateTime.UtcNow + timeout;
        if (lockFile is not null && !_checkpointing && !lockFile.WaitUntilNotHeldElsewhere(LockFile.PendingByte, timeout))
            return false;
        lock (_gate)
        {
            if (_readers > 0 || _checkpointing || lockFile is null)
            {
                _readers++;
                return true;
            }
            // Another process's checkpoint applies pages for well under a second even when large; wait for it.
            var left = deadline - DateTime.UtcNow;
            if (!lockFile.WaitShared(LockFile.PagesByte, left > TimeSpan.Zero ? left : TimeSpan.Zero))
                return false;
            _readers++;
            _refreshPending = true;
            return true;
        }
    }

    public void ExitReader()
    {
        lock (_gate)
        {
            if (--_readers == 0 && !_checkpointing)
                lockFile?.Release(LockFile.PagesByte);
        }
    }

    /// <summary>Called by whoever reloaded the file's state (under the checkpoint gate and the exclusive latch).</summary>
    public void RefreshDone() => _refreshPending = false;

    /// <summary>A checkpoint wants to change pages: true once no other process reads them, false after <paramref name="timeout"/>.</summary>
    /// <remarks>
    /// While it waits it holds the pending lock, which makes other processes' new readers wait
    /// (for at most this timeout): without it, processes whose readers overlap would keep the
    /// pages shared for ever and the log would only grow.
    /// </remarks>
    public bool TryEnterCheckpoint(TimeSpan timeout)
    {
        if (lockFile is null)
            return true;
        if (TryTakePages())
            return true;
        if (timeout <= TimeSpan.Zero)
            return false;
        // Another process's checkpoint may be pending already; then this one just waits too.
        bool pending = lockFile.TryExclusive(LockFile.PendingByte);
        try
        {
            // Polled outside the gate, so this process's own readers come and go meanwhile.
            return LockFile.Poll(TryTakePages, timeout, maxPauseMs: 8);
        }
        finally
        {
            if (pending)
                lockFile.Release(LockFile.PendingByte);
        }
    }

    private bool TryTakePages()
    {
        lock (_gate)
        {
            // Converting this process's shared lock (if its readers hold one) keeps it when it fails.
            if (!lockFile!.TryExclusive(LockFile.PagesByte))
                return false;
            _checkpointing = true;
            return true;
        }
    }

    public void ExitCheckpoint()
    {
        if (lockFile is null)
            return;
        lock (_gate)
        {
            _checkpointing = false;
            if (_readers > 0)
            {
                // Downgrading an exclusive lock never waits.
                lockFile.TryShared(LockFile.PagesByte);
            }
            else
            {
                lockFile.Release(LockFile.PagesByte);
            }
        }
    }
}
