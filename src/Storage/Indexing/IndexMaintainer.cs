namespace VecStore.Storage.Indexing;

/// <summary>A background thread that applies committed vector changes to the loaded vector indexes.</summary>
/// <remarks>
/// Commits stay as fast as without an index: the committing session only loads its changes into
/// the overlay and signals this thread. Until a change is applied, queries find it by searching
/// the overlay exactly (<see cref="Views.ChangedVectors"/>), so no committed row is missed meanwhile.
/// </remarks>
internal sealed class IndexMaintainer : IDisposable
{
    /// <summary>An index is saved again after this share of its vectors changed.</summary>
    private const double SaveAfterChangedShare = 0.25;

    /// <summary>An index is compacted (HNSW: relinked from its live vectors; IVF, IVFPQ: lists copied without tombstones) when deleted entries pass this share of it.</summary>
    private const double RebuildAfterDeletedShare = 0.3;

    private readonly Database _database;
    private readonly AutoResetEvent _signal = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;

    public IndexMaintainer(Database database)
    {
        _database = database;
        _thread = new Thread(Run) { IsBackground = true, Name = "VecStore index maintainer" };
        _thread.Start();
    }

    /// <summary>There are new committed changes in the overlay.</summary>
    public void Signal() => _signal.Set();

    /// <summary>Applies what the overlay holds after the index's LSN; false when the overlay no longer reaches back that far.</summary>
    public static bool CatchUp(Database database, VectorIndexState state)
    {
        lock (state.ApplyGate)
        {
            long target = database.OverlayLsn;
            if (target <= state.CoveredLsn)
                return true;
            var changes = database.ChangesBetween(state.ColumnId, state.CoveredLsn, target);
            if (changes is null)
            {
                // A checkpoint dropped records the index never saw: only a comparison with the pages can tell what changed.
                state.NeedsReconcile = true;
                return false;
            }
            state.Apply(changes, target);
            return true;
        }
    }

    /// <summary>Compacts the index once deleted entries pass <see cref="RebuildAfterDeletedShare"/> of it.</summary>
    public static void CompactIfWorthIt(VectorIndexState state)
    {
        var graph = state.Index;
        if (graph.DeletedCount > RebuildAfterDeletedShare * (graph.Count + graph.DeletedCount))
            state.Compact();
    }

    public void Dispose()
    {
        _stopping = true;
        _signal.Set();
        _thread.Join();
        _signal.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _signal.WaitOne();
            foreach (var state in _database.Indexes.All())
            {
                if (_stopping)
                    break;
                try
                {
                    if (!CatchUp(_database, state))
                        continue;
                    CompactIfWorthIt(state);
                    // A DROP committed meanwhile: writing the file again would leave an orphan.
                    if (!ReferenceEquals(_database.Indexes.Find(state.IndexId), state))
                        continue;
                    if (state.Path is not null && state.ChangesSinceSave > Math.Max(10_000, state.Index.Count * SaveAfterChangedShare))
                        state.Save();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Never let a background failure take the process down.
                    // An index that cannot catch up here is reconciled the next time a query loads it.
                    state.NeedsReconcile = true;
                }
            }
        }
    }
}
