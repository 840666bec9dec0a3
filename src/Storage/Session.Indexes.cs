using Microsoft.Data.Sqlite;
using VecStore.Indexes;
using VecStore.Indexes.Hnsw;
using VecStore.Indexes.Ivf;
using VecStore.Storage.Catalog;
using VecStore.Storage.Indexing;
using VecStore.Storage.Metadata;

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

    /// <summary>After a build without a breadth in WITH: records the tuned default breadth in the catalog, in this statement's transaction.</summary>
    private void TuneBreadth(IUpdatableVectorIndex graph, IndexSchema schema, ColumnSchema column)
    {
        if (schema.Options.ContainsKey(BreadthOptionOf(schema.Method))
            || BreadthTuner.Tune(graph, schema, column, _scope!.View(column), _searchThreads, _monitor) is not int tuned)
            return;
        var options = new Dictionary<string, long>(schema.Options) { [BreadthTuner.OptionKey] = tuned };
        try
        {
            CatalogStore.SetIndexOptions(_db, schema.IndexId, options);
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "recording the index's tuned search breadth");
        }
    }

    /// <summary>The IVF parameters an index was created with, defaults filled in.</summary>
    public static IvfOptions IvfOptionsOf(IndexSchema index) => new()
    {
        Lists = (int)index.Option("lists", new IvfOptions().Lists),
        NProbe = (int)index.Option("nprobe", new IvfOptions().NProbe),
    };

    /// <summary>The IVFPQ parameters an index was created with, defaults filled in.</summary>
    public static IvfPqOptions IvfPqOptionsOf(IndexSchema index) => new()
    {
        Lists = (int)index.Option("lists", new IvfPqOptions().Lists),
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
            var graph = VectorIndexFactory.Create(schema, column);
            string? path = null;
            try
            {
                graph.Build(_scope!.View(column), _monitor.IndexBuild, _monitor.Token);
                TuneBreadth(graph, schema, column);
                if (!_database.Options.IsMemory)
                {
                    path = IndexFiles.PathOf(_database.Options.DataSource, indexId);
                    _monitor.Begin("writing the index file", 0);
                    graph.Save(path, SnapshotLsn);
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
                if (ex is ArgumentException && definition.Method.IsInvertedFile())
                    throw new VecStoreException(ErrorCode.InvalidIndexOption,
                        $"{definition.Method.ToString().ToUpperInvariant()} index '{definition.Name}' cannot be trained: {ex.Message} Create it once the table holds at least as many rows as lists, or use fewer lists.", inner: ex);
                if (ex is IOException or UnauthorizedAccessException)
                    throw VecStoreException.IoError(path ?? definition.Name, "writing the index file", ex);
                throw;
            }
            (_statementIndexActions ??= []).Add(new IndexAction(new VectorIndexState(indexId, column.ColumnId, graph, path, SnapshotLsn), 0, null));
        }
        return true;
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
