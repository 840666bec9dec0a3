using VecStore.Indexes;

namespace VecStore.Storage.Indexing;

/// <summary>A vector index loaded in this process, and how far the log has been applied to it.</summary>
/// <remarks>
/// The index reflects every committed change up to <see cref="CoveredLsn"/>; newer changes are
/// searched exactly until the <see cref="IndexMaintainer"/> applies them. <see cref="ApplyGate"/>
/// serialises everything that changes the index (searches run beside it: the graph allows that).
/// </remarks>
internal sealed class VectorIndexState(long indexId, long columnId, IUpdatableVectorIndex index, string? path, long coveredLsn) : IDisposable
{
    /// <summary>From this many changes on, they are linked in parallel.</summary>
    private const int ParallelApplyThreshold = 2048;

    private long _coveredLsn = coveredLsn;
    private long _applyingUpTo = coveredLsn;
    private IUpdatableVectorIndex _index = index;

    public long IndexId { get; } = indexId;

    public long ColumnId { get; } = columnId;

    /// <summary>The graph; replaced whole by <see cref="Compact"/>, so a search reads it once.</summary>
    public IUpdatableVectorIndex Index => Volatile.Read(ref _index);

    /// <summary>The file the index is saved to, or null for an in-memory database.</summary>
    public string? Path { get; } = path;

    /// <summary>Every committed change up to this LSN is in the index.</summary>
    public long CoveredLsn
    {
        get => Volatile.Read(ref _coveredLsn);
        set => Volatile.Write(ref _coveredLsn, value);
    }

    /// <summary>The index may hold changes up to this LSN: <see cref="CoveredLsn"/>, or more while a batch is being applied.</summary>
    /// <remarks>
    /// Raised before the graph changes and read by a search after its walk, so a search that saw
    /// a change also sees an LSN at least as new, and ranks every slot changed up to it exactly.
    /// </remarks>
    public long ChangedUpTo => Math.Max(CoveredLsn, Volatile.Read(ref _applyingUpTo));

    /// <summary>Announces that changes up to <paramref name="lsn"/> are about to reach the index.</summary>
    public void MarkApplying(long lsn)
    {
        if (lsn > Volatile.Read(ref _applyingUpTo))
            Volatile.Write(ref _applyingUpTo, lsn);
    }

    /// <summary>The LSN the file on disk was stamped with when last saved.</summary>
    public long SavedLsn { get; set; } = coveredLsn;

    /// <summary>Changes applied since the last save, to decide when to save again.</summary>
    public long ChangesSinceSave { get; set; }

    /// <summary>The overlay lost changes this index needs: the next query compares it with the table.</summary>
    public volatile bool NeedsReconcile;

    public object ApplyGate { get; } = new();

    /// <summary>Applies the newest version of each changed slot; a null vector removes the slot.</summary>
    public void Apply(List<(long Slot, byte[]? Vector)> changes, long upToLsn)
    {
        lock (ApplyGate)
        {
            if (upToLsn <= CoveredLsn)
                return;
            MarkApplying(upToLsn);
            var graph = Index;
            if (changes.Count < ParallelApplyThreshold)
            {
                foreach (var (slot, vector) in changes)
                {
                    if (vector is null)
                        graph.Remove(slot);
                    else
                        graph.Add(slot, vector);
                }
            }
            else
            {
                // A bulk load after the index exists: link the new vectors on every core.
                var writes = new List<(long, byte[])>(changes.Count);
                foreach (var (slot, vector) in changes)
                {
                    if (vector is null)
                        graph.Remove(slot);
                    else
                        writes.Add((slot, vector));
                }
                graph.Build(new ChangeBatch(writes, graph.ElementType, graph.Dimensions));
            }
            ChangesSinceSave += changes.Count;
            CoveredLsn = upToLsn;
        }
    }

    /// <summary>Replaces the index by its compacted copy (<see cref="IUpdatableVectorIndex.Compact"/>), dropping deleted entries for good.</summary>
    /// <remarks>
    /// The copy is made from the index alone, at the LSN it covers, so it needs no view of the
    /// table: HNSW relinks its own vectors, IVF and IVFPQ drop tombstones from their lists (IVFPQ
    /// holds no vectors to rebuild from). Searches keep using the old index until the swap; it is
    /// left to the garbage collector, since one may still be reading it.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the index is unchanged.</exception>
    public void Compact(CancellationToken cancellationToken = default)
    {
        lock (ApplyGate)
        {
            var old = Index;
            var fresh = old.Compact(cancellationToken);
            Volatile.Write(ref _index, fresh);
            ChangesSinceSave += old.DeletedCount + 1;
        }
    }

    /// <summary>Replaces the graph (after a reconcile or rebuild by a query).</summary>
    public void Replace(IUpdatableVectorIndex fresh, long coveredLsn)
    {
        lock (ApplyGate)
        {
            MarkApplying(coveredLsn);
            Volatile.Write(ref _index, fresh);
            CoveredLsn = coveredLsn;
            ChangesSinceSave++;
            NeedsReconcile = false;
        }
    }

    /// <summary>Writes the index to its file, stamped with the LSN it covers.</summary>
    public void Save()
    {
        if (Path is null)
            return;
        lock (ApplyGate)
        {
            Index.Save(Path, CoveredLsn);
            SavedLsn = CoveredLsn;
            ChangesSinceSave = 0;
        }
    }

    public void Dispose() => Index.Dispose();
}
