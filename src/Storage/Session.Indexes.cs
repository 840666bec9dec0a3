using Microsoft.Data.Sqlite;
using VecStore.Indexes;
using VecStore.Indexes.Hnsw;
using VecStore.Indexes.Ivf;
using VecStore.Storage.Catalog;
using VecStore.Storage.Indexing;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// CREATE INDEX and DROP INDEX. A vector index is built inside its statement and saved to its
// file before the commit; it joins the database's loaded indexes only when the transaction
// commits, and a dropped one's file is deleted only then.
public sealed partial class Session
{
    private List<IndexAction>? _statementIndexActions;
    private List<IndexAction>? _transactionIndexActions;

    /// <summary>The HNSW parameters an index was created with, defaults filled in.</summary>
    public static HnswOptions HnswOptionsOf(IndexSchema index) => new()
    {
        M = (int)index.Option("m", new HnswOptions().M),
        EfConstruction = (int)index.Option("ef_construction", new HnswOptions().EfConstruction),
        EfSearch = (int)index.Option("ef_search", new HnswOptions().EfSearch),
    };

    /// <summary>The option naming a method's search breadth.</summary>
    public static string BreadthOptionOf(IndexMethod method) => method.IsInvertedFile() ? "nprobe" : "ef_search";

    /// <summary>True when the index's default breadth was tuned at CREATE INDEX rather than given or fixed.</summary>
    public static bool BreadthIsTuned(IndexSchema index) =>
        !index.Options.ContainsKey(BreadthOptionOf(index.Method)) && index.Options.ContainsKey(BreadthTuner.OptionKey);


    /// <summary>The IVF parameters an index was created with, defaults filled in.</summary>
    public static IvfOptions IvfOptionsOf(IndexSchema index) => new()
    {
        Lists = (int)index.Option("lists", index.Option(DeferredTraining.ListsKey, new IvfOptions().Lists)),
        NProbe = (int)index.Option("nprobe", new IvfOptions().NProbe),
    };

    /// <summary>The IVFPQ parameters an index was created with, defaults filled in.</summary>
    public static IvfPqOptions IvfPqOptionsOf(IndexSchema index) => new()
    {
        Lists = (int)index.Option("lists", index.Option(DeferredTraining.ListsKey, new IvfPqOptions().Lists)),
        NProbe = (int)index.Option("nprobe", new IvfPqOptions().NProbe),
        M = (int)index.Option("m", new IvfPqOptions().M),
        Refine = (int)index.Option("refine", new IvfPqOptions().Refine),
    };

    /// <summary>The search breadth a query uses by default: ef_search for HNSW, nprobe for IVF and IVFPQ, as CREATE INDEX gave it, else as it tuned it (<see cref="BreadthTuner"/>), else the fixed default.</summary>
    public static int DefaultBreadthOf(IndexSchema index) =>
        index.Options.TryGetValue(BreadthOptionOf(index.Method), out long given) ? (int)given
        : index.Options.TryGetValue(BreadthTuner.OptionKey, out long tuned) ? (int)tuned
        : index.Method switch
    {
        IndexMethod.Ivf => IvfOptionsOf(index).NProbe,
        IndexMethod.IvfPq => IvfPqOptionsOf(index).NProbe,
        _ => HnswOptionsOf(index).EfSearch,
    };

    /// <summary>True when an IVF or IVFPQ index waits for its column to hold enough vectors to train on; its column is searched exactly meanwhile (<see cref="DeferredTraining"/>).</summary>
    public static bool IsWaitingToTrain(IndexSchema index) => DeferredTraining.IsWaiting(index);

    /// <summary>The vectors the column of a waiting index must hold before it trains.</summary>
    public static long VectorsToTrain(IndexSchema index) => DeferredTraining.RowsNeeded(index);

    /// <summary>The lists of an IVF or IVFPQ index.</summary>
    public static int ListsOf(IndexSchema index) => index.Method == IndexMethod.IvfPq ? IvfPqOptionsOf(index).Lists : IvfOptionsOf(index).Lists;

    /// <summary>Creates an index; false when it exists and <paramref name="ifNotExists"/> is set.</summary>
    /// <remarks>
    /// A vector index is built, tuned and saved inside the statement, reporting each stage through
    /// <see cref="Monitor"/> and stopping when it stops; a stopped or failed build leaves no file.
    /// </remarks>
    public bool CreateIndex(IndexDefinition definition, bool ifNotExists)
    {
        RequireWriteStatement();
        if (_catalog.FindIndex(definition.Name) is not null)
        {
            if (ifNotExists)
                return false;
            throw new VecStoreException(ErrorCode.IndexAlreadyExists, $"index '{definition.Name}' already exists");
        }
        var table = _catalog.FindTable(definition.Table.Name)
            ?? throw new VecStoreException(ErrorCode.UnknownTable, $"no such table: '{definition.Table.Name}'");
        Validate(definition, table);
        long indexId;
        try
        {
            indexId = CatalogStore.CreateIndex(_db, definition with { Table = table });
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "creating an index");
        }
        if (definition.Method != IndexMethod.Scalar)
        {
            var schema = _catalog.FindIndex(definition.Name)!;
            var column = schema.Columns[0];
            if (definition.Method.IsInvertedFile())
            {
                // Too few rows to train on: the index waits for them (DeferredTraining); else the list count comes from the rows.
                long vectors = DeferredTraining.CountVectors(_scope!.View(column));
                var options = vectors < DeferredTraining.RowsNeeded(schema)
                    ? new Dictionary<string, long>(schema.Options) { [DeferredTraining.WaitingKey] = 1 }
                    : DeferredTraining.TrainedOptions(schema, vectors);
                schema = RecordIndexOptions(schema, options);
                if (DeferredTraining.IsWaiting(schema))
                    return true;
            }
            BuildVectorIndex(schema, column, SnapshotLsn);
        }
        return true;
    }

    /// <summary>
    /// Before a write statement completes: trains every waiting IVF or IVFPQ index whose column now
    /// holds enough vectors, inside the statement's transaction, so that the index, its catalog
    /// entry and the rows commit together (<see cref="DeferredTraining"/>).
    /// </summary>
    internal void TrainWaitingIndexes()
    {
        List<IndexSchema>? waiting = null;
        foreach (var (_, index) in _catalog.VectorIndexes())
            if (DeferredTraining.IsWaiting(index))
                (waiting ??= []).Add(index);
        if (waiting is null)
            return;
        foreach (var index in waiting)
        {
            var column = index.Columns[0];
            long vectors = DeferredTraining.CountVectors(_scope!.View(column));
            if (vectors < DeferredTraining.RowsNeeded(index))
                continue;
            var schema = RecordIndexOptions(index, DeferredTraining.TrainedOptions(index, vectors));

            // Stamped with the newest LSN of this transaction: the index holds its own rows too, so
            // the maintainer does not add them again after the commit.
            BuildVectorIndex(schema, column, VectorLog.LastLsn(_db));
        }
    }

    /// <summary>Writes an index's options to the catalog in this statement's transaction and returns the index as the catalog now describes it.</summary>
    private IndexSchema RecordIndexOptions(IndexSchema schema, Dictionary<string, long> options)
    {
        try
        {
            CatalogStore.SetIndexOptions(_db, schema.IndexId, options);
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "recording the index's options");
        }
        return _catalog.FindIndex(schema.Name)!;
    }

    /// <summary>Builds a vector index from the column as this statement sees it, tunes its default breadth, saves its file stamped with <paramref name="stamp"/>, and lets it join the database when the statement commits.</summary>
    private void BuildVectorIndex(IndexSchema schema, ColumnSchema column, long stamp)
    {
        var graph = VectorIndexFactory.Create(schema, column);
        var view = _scope!.View(column);
        string? path = null;
        try
        {
            // Without a breadth in WITH, a sample is held out of the build and tunes the default breadth as unseen queries (BreadthTuner).
            var heldOut = BreadthTuner.HoldOut(schema, column, view);
            graph.Build(heldOut is null ? view : new HeldOutVectors(view, heldOut), _monitor.IndexBuild, _monitor.Token);
            if (heldOut is not null)
            {
                int tuned = BreadthTuner.Tune(graph, schema, column, view, heldOut, _searchThreads, _monitor);
                foreach (long slot in heldOut)
                    graph.Add(slot, view.GetVectorData(slot));
                RecordIndexOptions(schema, new Dictionary<string, long>(schema.Options) { [BreadthTuner.OptionKey] = tuned });
            }
            if (!_database.Options.IsMemory)
            {
                path = IndexFiles.PathOf(_database.Options.DataSource, schema.IndexId);
                _monitor.Begin("writing the index file", 0);
                graph.Save(path, stamp);
                _monitor.ThrowIfStopped();
            }
        }
        catch (Exception ex)
        {
            graph.Dispose();
            if (path is not null)
                IndexFiles.Delete(path);
            if (ex is OperationCanceledException && _monitor.IsStopped)
                throw _monitor.Stop();
            if (ex is ArgumentException && schema.Method.IsInvertedFile())
                throw new VecStoreException(ErrorCode.InvalidIndexOption,
                    $"{schema.Method.ToString().ToUpperInvariant()} index '{schema.Name}' cannot be trained: {ex.Message}", inner: ex);
            if (ex is IOException or UnauthorizedAccessException)
                throw VecStoreException.IoError(path ?? schema.Name, "writing the index file", ex);
            throw;
        }
        (_statementIndexActions ??= []).Add(new IndexAction(new VectorIndexState(schema.IndexId, column.ColumnId, graph, path, stamp), 0, null));
    }

    /// <summary>Drops an index; false when it does not exist and <paramref name="ifExists"/> is set.</summary>
    public bool DropIndex(string name, bool ifExists)
    {
        RequireWriteStatement();
        var index = _catalog.FindIndex(name);
        if (index is null)
        {
            if (ifExists)
                return false;
            throw new VecStoreException(ErrorCode.UnknownIndex, $"no such index: '{name}'");
        }
        try
        {
            CatalogStore.DropIndex(_db, index);
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "dropping an index");
        }
        NoteDropped(index);
        return true;
    }

    /// <summary>A vector index's file goes when the DROP commits.</summary>
    private void NoteDropped(IndexSchema index)
    {
        if (index.Method == IndexMethod.Scalar)
            return;
        string? path = _database.Options.IsMemory ? null : IndexFiles.PathOf(_database.Options.DataSource, index.IndexId);
        (_statementIndexActions ??= []).Add(new IndexAction(null, index.IndexId, path));
    }

    private void Validate(IndexDefinition definition, TableSchema table)
    {
        if (Identifiers.Problem(definition.Name) is { } problem)
            throw new VecStoreException(ErrorCode.InvalidIdentifier, $"index name '{definition.Name}': {problem}");
        if (definition.Columns.Count == 0)
            throw new VecStoreException(ErrorCode.SyntaxError, $"index '{definition.Name}' needs at least one column");
        foreach (var column in definition.Columns)
            if (table.FindColumn(column.Name) is not { } found || found.ColumnId != column.ColumnId)
                throw new VecStoreException(ErrorCode.UnknownColumn, $"table '{table.Name}' has no column '{column.Name}'");
        if (definition.Method == IndexMethod.Scalar)
        {
            foreach (var column in definition.Columns)
                if (column.IsVector)
                    throw new VecStoreException(ErrorCode.UnsupportedOperation, $"'{column.Name}' is a vector column: index it with USING HNSW");
            return;
        }
        if (definition.Columns.Count != 1 || !definition.Columns[0].IsVector)
            throw new VecStoreException(ErrorCode.UnsupportedOperation, "a vector index covers exactly one vector column");
        if (table.VectorIndexOn(definition.Columns[0]) is { } existing)
            throw new VecStoreException(ErrorCode.IndexAlreadyExists, $"column '{definition.Columns[0].Name}' already has the vector index '{existing.Name}'; drop it first");
        bool ivf = definition.Method.IsInvertedFile();
        bool pq = definition.Method == IndexMethod.IvfPq;
        var vector = definition.Columns[0];
        if (pq && definition.Options.TryGetValue("m", out long subspaces) && subspaces > 0 && vector.Dimensions % subspaces != 0)
            throw new VecStoreException(ErrorCode.InvalidIndexOption, $"IVFPQ m = {subspaces} must divide the {vector.Dimensions} dimensions of '{vector.Name}'");
        if (pq && !definition.Options.ContainsKey("m") && vector.Dimensions % new IvfPqOptions().M != 0)
            throw new VecStoreException(ErrorCode.InvalidIndexOption, $"IVFPQ's default m = {new IvfPqOptions().M} does not divide the {vector.Dimensions} dimensions of '{vector.Name}': give m in WITH (...)");
        if (ivf && (vector.Element != VecStore.Indexes.VectorElement.Float32 || vector.Metric is not (VecStore.Indexes.Distance.Metric.L2 or VecStore.Indexes.Distance.Metric.Cosine or VecStore.Indexes.Distance.Metric.InnerProduct)))
            throw new VecStoreException(ErrorCode.UnsupportedOperation, $"IVF indexes float32 VECTOR columns with metric l2, cosine or ip; '{vector.Name}' is {vector.TypeText}: use HNSW");
        foreach (var (key, value) in definition.Options)
        {
            var (low, high) = IndexOptionRules.Range(definition.Method, key)
                ?? throw new VecStoreException(ErrorCode.InvalidIndexOption, IndexOptionRules.Unknown(definition.Method, key));
            if (value < low || value > high)
                throw new VecStoreException(ErrorCode.InvalidIndexOption, $"{key} = {value} is out of range: it takes {low} to {high}");
        }
    }

    /// <summary>A statement ended well: its index changes become the transaction's, or take effect when it was its own transaction.</summary>
    private void CompleteIndexActions(bool committed)
    {
        var done = _statementIndexActions;
        _statementIndexActions = null;
        if (done is null)
            return;
        if (committed)
            ApplyIndexActions(done);
        else
            (_transactionIndexActions ??= []).AddRange(done);
    }

    private void CommitIndexActions()
    {
        var done = _transactionIndexActions;
        _transactionIndexActions = null;
        if (done is not null)
            ApplyIndexActions(done);
    }

    /// <summary>Undoes the index changes of a failed statement, or with <paramref name="transaction"/> of the whole transaction.</summary>
    private void DiscardIndexActions(bool transaction)
    {
        Discard(_statementIndexActions);
        _statementIndexActions = null;
        if (transaction)
        {
            Discard(_transactionIndexActions);
            _transactionIndexActions = null;
        }

        static void Discard(List<IndexAction>? actions)
        {
            if (actions is null)
                return;
            foreach (var action in actions)
            {
                if (action.Created is { } state)
                {
                    state.Dispose();
                    if (state.Path is not null)
                        IndexFiles.Delete(state.Path);
                }
            }
        }
    }

    private void ApplyIndexActions(List<IndexAction> actions)
    {
        bool created = false;
        foreach (var action in actions)
        {
            if (action.Created is { } state)
            {
                _database.Indexes.Add(state);
                created = true;
            }
            else
            {
                _database.Indexes.Drop(action.DroppedId, action.DroppedPath);
            }
        }
        if (created && !_readOnly)
            _database.Maintainer.Signal();
    }

    /// <summary>A vector index created (with its built graph) or dropped (with the file to delete) by a statement.</summary>
    private sealed record IndexAction(VectorIndexState? Created, long DroppedId, string? DroppedPath);
}
