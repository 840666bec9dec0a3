using Microsoft.Data.Sqlite;
using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.Storage.Catalog;
using VecStore.Storage.Indexing;
using VecStore.Storage.Views;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// Searching through a vector index, and bringing a loaded index up to date with the table.
public sealed partial class Session
{
    /// <summary>
    /// The <paramref name="k"/> nearest vectors through the vector index <paramref name="schema"/>,
    /// as this statement sees the column: the index answers for what it covers, and every vector
    /// changed since (committed after its LSN, or this transaction's own) is ranked exactly.
    /// </summary>
    /// <returns>Nearest first; null when the index cannot serve this statement (created by the open transaction), so the caller searches exactly.</returns>
    public Neighbor[]? SearchIndex<TFilter>(IndexSchema schema, float[] query, TFilter filter, int k, int efSearch)
        where TFilter : struct, IRowFilter
        => SearchIndex(schema, [query], filter, k, efSearch, threads: 1)?[0];

    /// <summary>As <see cref="SearchIndex{TFilter}(IndexSchema, float[], TFilter, int, int)"/> for several queries at once, the graph walks spread over <paramref name="threads"/> threads.</summary>
    public Neighbor[][]? SearchIndex<TFilter>(IndexSchema schema, IReadOnlyList<float[]> queries, TFilter filter, int k, int efSearch, int threads)
        where TFilter : struct, IRowFilter
    {
        var scope = RequireStatement();
        var state = LoadIndex(schema);
        if (state is null)
            return null;
        var results = new Neighbor[queries.Count][];
        if (k <= 0)
        {
            for (int q = 0; q < results.Length; q++)
                results[q] = [];
            return results;
        }
        var column = schema.Columns[0];
        var view = scope.View(column);
        long snapshot = SnapshotLsn;

        // The index may move on while we search (the maintainer applies newer commits): whatever
        // changed between its LSN before and after the search and this snapshot is ranked exactly.
        long coveredBefore = state.CoveredLsn;
        var graph = state.Index;
        var changed = view.ChangedSince(Math.Min(coveredBefore, snapshot));
        int ask = changed.IsEmpty ? k : 2 * k;
        // An HNSW walk needs a candidate list at least as long as the answer; nprobe means lists, not rows.
        int breadth = schema.Method.IsInvertedFile() ? efSearch : Math.Max(efSearch, ask);
        var found = new Neighbor[queries.Count][];
        if (threads <= 1 || queries.Count == 1)
        {
            for (int q = 0; q < found.Length; q++)
                found[q] = Walk(graph, queries[q], filter, ask, breadth, view);
        }
        else
        {
            Parallel.For(0, found.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
                q => found[q] = Walk(graph, queries[q], filter, ask, breadth, view));
        }
        long coveredAfter = state.ChangedUpTo;
        HashSet<long>? late = coveredAfter > snapshot ? _database.SlotsChangedBetween(column.ColumnId, snapshot, coveredAfter) : null;
        for (int q = 0; q < found.Length; q++)
            results[q] = Merge(found[q], queries[q], filter, k, column, view, changed, late);
        return results;
    }

    /// <summary>One search of the index; an index without vectors (IVFPQ) re-ranks from <paramref name="view"/>, the column as this statement sees it, never from a newer version of a slot.</summary>
    private static Neighbor[] Walk<TFilter>(IUpdatableVectorIndex graph, float[] query, TFilter filter, int ask, int breadth, ColumnView view)
        where TFilter : struct, IRowFilter
    {
        var found = new Neighbor[ask];
        int n = graph.Search(query, filter, found, breadth, view);
        return n == ask ? found : found[..n];
    }

    /// <summary>The graph's answers for slots unchanged since its LSN, with the changed slots ranked exactly as the snapshot sees them.</summary>
    private static Neighbor[] Merge<TFilter>(Neighbor[] found, float[] query, TFilter filter, int k, ColumnSchema column, ColumnView view, ChangedVectors changed, HashSet<long>? late)
        where TFilter : struct, IRowFilter
    {
        if (changed.IsEmpty && late is null)
            return found.Length > k ? found[..k] : found;
        var merged = new List<Neighbor>(found.Length + k);
        foreach (var neighbor in found)
            if (!changed.IsChanged(neighbor.Id) && (late is null || !late.Contains(neighbor.Id)))
                merged.Add(neighbor);
        if (!changed.IsEmpty)
        {
            var exact = new Neighbor[k];
            int m = new FlatIndex(changed, column.Metric, new FlatSearchOptions { MaxThreads = 1 }).Search(query, filter, exact);
            merged.AddRange(exact.AsSpan(0, m));
        }
        if (late is not null)
        {
            foreach (long slot in late)
            {
                if (changed.IsChanged(slot) || !filter.Accepts(slot))
                    continue;
                var vector = view.GetVectorData(slot);
                if (!vector.IsEmpty)
                    merged.Add(new Neighbor(slot, DistanceKernels.Distance(column.Metric, query, vector, column.Element)));
            }
        }
        merged.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        if (merged.Count > k)
            merged.RemoveRange(k, merged.Count - k);
        return [.. merged];
    }

    /// <summary>The loaded state of a vector index, loading it from its file (caught up from the log or the pages) or rebuilding it when needed.</summary>
    /// <returns>Null when the open transaction created the index: it joins the database at commit.</returns>
    internal VectorIndexState? LoadIndex(IndexSchema schema)
    {
        var existing = _database.Indexes.Find(schema.IndexId);
        if (existing is { NeedsReconcile: false })
            return existing;
        if (CreatedInThisTransaction(schema.IndexId) || DeferredTraining.IsWaiting(schema))
            return null;
        lock (_database.Indexes.LoadGate)
        {
            existing = _database.Indexes.Find(schema.IndexId);
            if (existing is { NeedsReconcile: false })
                return existing;
            var scope = RequireStatement();
            var column = schema.Columns[0];
            var view = scope.CommittedView(column);
            long snapshot = SnapshotLsn;
            string? path = _database.Options.IsMemory ? null : IndexFiles.PathOf(_database.Options.DataSource, schema.IndexId);

            try
            {
                return LoadOrRebuild(schema, existing, view, snapshot, path);
            }
            catch (ArgumentException)
            {
                // An IVF index cannot be retrained on fewer rows than it has lists: searched exactly until it can.
                return null;
            }
        }
    }

    private VectorIndexState LoadOrRebuild(IndexSchema schema, VectorIndexState? existing, ColumnView view, long snapshot, string? path)
    {
        var column = schema.Columns[0];
        if (existing is not null)
        {
            lock (existing.ApplyGate)
            {
                // The graph is changed in place towards this snapshot: searches meanwhile must know.
                existing.MarkApplying(snapshot);
                var graph = existing.Index;
                Reconcile(ref graph, view);
                existing.Replace(graph, snapshot);
            }
            SaveQuietly(existing);
            return existing;
        }

        long stamp = 0;
        var loaded = path is null ? null : TryLoadFile(path, schema, column, out stamp);
        bool dirty;
        IUpdatableVectorIndex index;
        if (loaded is null)
        {
            // A missing index file is rebuilt by the first statement that needs it: a long build
            // that the statement's monitor may stop, leaving the index to the next statement.
            index = VectorIndexFactory.Create(schema, column);
            try
            {
                index.Build(view, _monitor.IndexBuild, _monitor.Token);
            }
            catch (OperationCanceledException) when (_monitor.IsStopped)
            {
                index.Dispose();
                throw _monitor.Stop();
            }
            dirty = true;
        }
        else if (stamp <= snapshot && _database.ChangesBetween(column.ColumnId, stamp, snapshot) is { } changes)
        {
            index = loaded;
            foreach (var (slot, vector) in changes)
            {
                if (vector is null)
                    index.Remove(slot);
                else
                    index.Add(slot, vector);
            }
            dirty = changes.Count > 0;
        }
        else
        {
            index = loaded;
            dirty = Reconcile(ref index, view);
        }
        var state = new VectorIndexState(schema.IndexId, column.ColumnId, index, path, dirty ? stamp : snapshot);
        state.CoveredLsn = snapshot;
        if (dirty)
            state.ChangesSinceSave = 1;
        SaveQuietly(state);
        _database.Indexes.Add(state);
        if (!_readOnly)
            _database.Maintainer.Signal();
        return state;
    }

    /// <summary>Loads every vector index of a writable database when it opens, so that later commits keep them current.</summary>
    private void LoadAllIndexes()
    {
        using var scope = BeginStatement(writes: false);
        // Only a process alone with the database may sweep: another one may be writing the file of
        // an index its CREATE INDEX has not committed yet.
        if (!_database.Options.IsMemory && _database.AloneAmongProcesses() && Interlocked.Exchange(ref _database.OrphanIndexFilesSwept, 1) == 0)
        {
            // A crash between a committed DROP and the file's deletion (or during CREATE INDEX) leaves files behind.
            var ids = new HashSet<long>();
            foreach (var (_, index) in _catalog.VectorIndexes())
                ids.Add(index.IndexId);
            IndexFiles.DeleteOrphans(_database.Options.DataSource, ids);
        }
        foreach (var (_, index) in _catalog.VectorIndexes())
        {
            try
            {
                LoadIndex(index);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // The database opens anyway; the first query through the index tries again.
            }
        }
        scope.Complete();
    }

    /// <summary>After a commit: load its records into the overlay and wake the maintainer, which applies them to the indexes.</summary>
    private void FeedIndexes()
    {
        try
        {
            // A reader like any other: loading a freed slot's record may read a page header.
            _db.Execute("BEGIN");
            try
            {
                TakeSnapshot();
                _database.Latch.EnterShared();
                try
                {
                    _database.RefreshOverlay(_db, _snapshotLsn);
                }
                finally
                {
                    _database.Latch.ExitShared();
                    ReleaseSnapshot();
                }
            }
            finally
            {
                _db.Execute("COMMIT");
            }
            _database.Maintainer.Signal();
        }
        catch (Exception ex) when (ex is SqliteException or VecStoreException { Code: ErrorCode.Busy })
        {
            // The next query refreshes the overlay; until then the index lags and the overlay is searched exactly.
        }
    }

    private bool CreatedInThisTransaction(long indexId)
    {
        foreach (var list in (ReadOnlySpan<List<IndexAction>?>)[_statementIndexActions, _transactionIndexActions])
            if (list is not null)
                foreach (var action in list)
                    if (action.Created?.IndexId == indexId)
                        return true;
        return false;
    }

    private void SaveQuietly(VectorIndexState state)
    {
        if (_readOnly || state.Path is null || (state.ChangesSinceSave == 0 && state.SavedLsn == state.CoveredLsn))
            return;
        try
        {
            state.Save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file stays stale; it is caught up again the next time the database opens.
        }
    }

    /// <summary>The index file, or null when it is missing, damaged, or made for other parameters: never trusted blindly.</summary>
    private static IUpdatableVectorIndex? TryLoadFile(string path, IndexSchema schema, ColumnSchema column, out long stamp)
    {
        stamp = 0;
        if (!File.Exists(path))
            return null;
        IUpdatableVectorIndex index;
        try
        {
            index = VectorIndexFactory.Load(schema, path, out stamp);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!VectorIndexFactory.Matches(index, schema, column))
        {
            index.Dispose();
            return null;
        }
        return index;
    }

    /// <summary>Makes <paramref name="index"/> hold exactly the vectors of <paramref name="view"/>; true when anything changed.</summary>
    /// <remarks>
    /// Used when the log no longer says what changed since the index was saved. Entries are checked
    /// with <see cref="IUpdatableVectorIndex.Holds"/>, which works for an index that keeps no vectors.
    /// Many differences rebuild the graph on all cores instead.
    /// </remarks>
    private static bool Reconcile(ref IUpdatableVectorIndex index, ColumnView view)
    {
        var seen = new HashSet<long>();
        var stale = new List<long>();
        for (int b = 0; b < view.BlockCount; b++)
        {
            var block = view.GetBlock(b);
            int bytes = VectorElements.BytesPerVector(view.ElementType, view.Dimensions);
            for (int i = 0; i < block.Count; i++)
            {
                if (!block.IsPresent(i))
                    continue;
                long id = block.IdAt(i);
                seen.Add(id);
                if (!index.Holds(id, block.Data.Slice(i * bytes, bytes)))
                    stale.Add(id);
            }
        }
        var gone = new List<long>();
        foreach (long id in index.LiveIds())
            if (!seen.Contains(id))
                gone.Add(id);
        if (stale.Count == 0 && gone.Count == 0)
            return false;
        if (stale.Count + gone.Count > Math.Max(1000, index.Count / 10))
        {
            var fresh = index.CreateEmpty();
            fresh.Build(view);
            index = fresh;
            return true;
        }
        foreach (long id in gone)
            index.Remove(id);
        foreach (long id in stale)
            index.Add(id, view.GetVectorData(id));
        return true;
    }
}
