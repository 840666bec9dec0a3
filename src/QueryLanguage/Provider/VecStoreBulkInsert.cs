using VecStore.QueryLanguage.Binding;
using VecStore.Storage;
using VecStore.Storage.Catalog;

namespace VecStore;

/// <summary>Inserts many rows into one table without SQL text per row: the fastest way to load data.</summary>
/// <remarks>
/// <code>
/// var bulk = new VecStoreBulkInsert(connection, "docs", ["id", "title", "embedding"]);
/// long rows = bulk.Write(source.Select(d => new object?[] { d.Id, d.Title, d.Vector }));
/// </code>
/// Values are converted as an INSERT converts parameters (vectors from <c>float[]</c>,
/// <c>ReadOnlyMemory&lt;float&gt;</c>, <c>double[]</c>, ...); columns left out take their default or NULL.
/// All or nothing: the rows go in as one statement, inside the connection's open transaction or,
/// when there is none, in a transaction of their own; a bad row (reported with its 1-based number)
/// leaves the table as it was.
/// </remarks>
public sealed class VecStoreBulkInsert
{
    private readonly VecStoreConnection _connection;

    /// <summary>A bulk insert into <paramref name="table"/>, of the given columns (all of them in order when null).</summary>
    public VecStoreBulkInsert(VecStoreConnection connection, string table, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        _connection = connection;
        Table = table;
        Columns = columns;
    }

    /// <summary>The table the rows go into.</summary>
    public string Table { get; }

    /// <summary>The columns each row holds values for, in order; null for every column of the table.</summary>
    public IReadOnlyList<string>? Columns { get; }

    /// <summary>Receives the number of rows written so far, every <see cref="ProgressInterval"/> rows and at the end.</summary>
    public IProgress<long>? Progress { get; set; }

    /// <summary>Rows between two progress reports.</summary>
    public int ProgressInterval { get; set; } = 10_000;

    /// <summary>Inserts every row; returns how many.</summary>
    /// <param name="rows">The rows, each holding a value per column of <see cref="Columns"/>.</param>
    /// <param name="cancellationToken">Stops the load within a thousand rows; nothing of it is kept.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; its inner exception is the VECSQL0230 error, and the table is as it was.</exception>
    public long Write(IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var session = _connection.OpenSession;
        var monitor = new StatementMonitor(null, 0);
        using var link = monitor.Link(cancellationToken);
        session.Monitor = monitor;
        bool ownTransaction = !session.InTransaction;
        if (ownTransaction)
            session.BeginTransaction();
        try
        {
            monitor.ThrowIfStopped();
            long written;
            using (var scope = session.BeginStatement(writes: true))
            {
                var table = session.Catalog.FindTable(Table)
                    ?? throw new VecStoreException(ErrorCode.UnknownTable, $"no such table: '{Table}'");
                var targets = ResolveColumns(table);
                var converted = new RowStream(table, targets, Progress, Math.Max(1, ProgressInterval));
                try
                {
                    session.Insert(table, converted.Rows(rows));
                }
                catch (VecStoreException ex) when (converted.Current > 0 && ex.Code != ErrorCode.Cancelled && !ex.Reason.StartsWith("row ", StringComparison.Ordinal))
                {
                    throw new VecStoreException(ex.Code, $"row {converted.Current}: {ex.Reason}", inner: ex);
                }
                written = converted.Current;
                scope.Complete();
            }
            if (ownTransaction)
                session.Commit();
            Progress?.Report(written);
            return written;
        }
        catch (Exception ex)
        {
            if (ownTransaction && session.InTransaction)
                session.Rollback();
            if (ex is VecStoreException { Code: ErrorCode.Cancelled } stopped && cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException(stopped.Message, stopped, cancellationToken);
            throw;
        }
        finally
        {
            session.Monitor = StatementMonitor.None;
        }
    }

    private List<ColumnSchema> ResolveColumns(TableSchema table)
    {
        if (Columns is null)
            return [.. table.Columns];
        var targets = new List<ColumnSchema>(Columns.Count);
        var seen = new HashSet<long>();
        foreach (var name in Columns)
        {
            var column = table.FindColumn(name) ?? throw new VecStoreException(ErrorCode.UnknownColumn, $"table '{table.Name}' has no column '{name}'");
            if (!seen.Add(column.ColumnId))
                throw new VecStoreException(ErrorCode.DuplicateColumn, $"column '{column.Name}' is named twice");
            targets.Add(column);
        }
        return targets;
    }

    /// <summary>Turns the caller's rows into full rows of the table's types, one at a time, counting them.</summary>
    private sealed class RowStream(TableSchema table, List<ColumnSchema> targets, IProgress<long>? progress, int interval)
    {
        public long Current { get; private set; }

        public IEnumerable<object?[]> Rows(IEnumerable<object?[]> source)
        {
            var given = new bool[table.Columns.Count];
            foreach (var input in source)
            {
                Current++;
                if (input is null || input.Length != targets.Count)
                    throw new VecStoreException(ErrorCode.ValueCountMismatch,
                        $"row {Current}: {input?.Length ?? 0} values for {targets.Count} columns");
                var row = new object?[table.Columns.Count];
                Array.Clear(given);
                for (int i = 0; i < targets.Count; i++)
                {
                    var column = targets[i];
                    if (ValueConverter.TryConvert(input[i], column, out var value) is { } problem)
                        throw new VecStoreException(problem.Code, $"row {Current}: {problem.Message}");
                    row[column.Ordinal] = value;
                    given[column.Ordinal] = true;
                }
                foreach (var column in table.Columns)
                {
                    if (!given[column.Ordinal])
                        row[column.Ordinal] = column.DefaultValue;
                    if (row[column.Ordinal] is null && column.NotNull && !(table.KeyIsRowId && column.IsPrimaryKey))
                        throw new VecStoreException(ErrorCode.NotNullViolation, $"row {Current}: column '{column.Name}' of table '{table.Name}' cannot be NULL");
                }
                if (progress is not null && Current % interval == 0)
                    progress.Report(Current);
                yield return row;
            }
        }
    }
}
