using VecStore.QueryLanguage.Diagnostics;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>A statement checked against the catalog and its parameters, ready to plan and execute.</summary>
internal abstract record BoundStatement(SourceSpan Span)
{
    /// <summary>True when executing it may change the database.</summary>
    public abstract bool Writes { get; }
}

internal sealed record BoundCreateTable(TableDefinition Definition, bool IfNotExists, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

internal sealed record BoundDropTable(string Name, bool IfExists, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>ALTER TABLE: one change to the table named <paramref name="Table"/>.</summary>
internal sealed record BoundAlterTable(string Table, TableAlteration Change, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>INSERT: VALUES rows already converted, or the rows of a query; with ON CONFLICT and RETURNING when given.</summary>
/// <param name="Rows">The VALUES rows, a value for every column in order; empty when <paramref name="Query"/> gives the rows.</param>
internal sealed record BoundInsert(TableSchema Table, IReadOnlyList<object?[]> Rows, SourceSpan Span,
    InsertQuery? Query = null, ConflictAction? Conflict = null, BoundReturning? Returning = null) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>The SELECT of an INSERT ... SELECT and how its rows become the table's rows.</summary>
/// <param name="Decodings">How each output is read (a bare vector column by its slot, copied from its view).</param>
/// <param name="Targets">The column each output goes into.</param>
/// <param name="Template">A row of the table's defaults, copied for each row before the outputs are placed.</param>
/// <param name="Locations">Where each output is written, for a vector of the wrong length found while the rows are read.</param>
/// <param name="ReadsTarget">True when the query reads the table it inserts into: its rows are then read in full before the first is inserted.</param>
internal sealed record InsertQuery(SqlQuery Query, IReadOnlyList<ValueDecoding> Decodings, IReadOnlyList<ColumnSchema> Targets, object?[] Template,
    IReadOnlyList<SourceLocation?> Locations, bool ReadsTarget);

/// <summary>RETURNING: the outputs, computed over the target table's written rows by row id.</summary>
internal sealed record BoundReturning(IReadOnlyList<OutputColumn> Columns, IReadOnlyList<SqlExpr> Projections);

/// <param name="Where">The conditions SQLite evaluates, or null.</param>
/// <param name="Ranges">The distance ranges of the WHERE clause: a row must lie within each.</param>
/// <param name="Computed">UPDATE ... FROM, assignments computed from stored vectors, or RETURNING: the new values read by one query and applied row by row (then <paramref name="Assignments"/>, <paramref name="Where"/> and <paramref name="Ranges"/> are unused).</param>
internal sealed record BoundUpdate(TableSchema Table, IReadOnlyList<Assignment> Assignments, SqlExpr? Where, IReadOnlyList<DistanceRange> Ranges, SourceSpan Span,
    RowUpdate? Computed = null, BoundReturning? Returning = null) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <param name="Where">The conditions SQLite evaluates, or null.</param>
/// <param name="Ranges">The distance ranges of the WHERE clause: a row must lie within each.</param>
internal sealed record BoundDelete(TableSchema Table, SqlExpr? Where, IReadOnlyList<DistanceRange> Ranges, SourceSpan Span, BoundReturning? Returning = null) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>A SELECT: what to read, in which order, how many.</summary>
/// <param name="Table">The table, or null for a SELECT without FROM.</param>
/// <param name="Where">The conditions SQLite evaluates: the WHERE clause without its distance ranges, or null.</param>
/// <param name="Ranges">The distance ranges of the WHERE clause (top-level AND terms such as <c>distance(v, @q) &lt; 0.5</c>): a row must lie within each.</param>
/// <param name="IsAggregate">True for <c>count(*)</c> queries: one row.</param>
/// <param name="Breadth">WITH (ef_search = n) for HNSW or WITH (nprobe = n) for IVF: the search breadth for this query, or null for the index's default.</param>
/// <param name="Strategy">WITH (strategy = '...'): a ranking strategy forced by the query, or Auto.</param>
/// <param name="BreadthFromSession">True when <paramref name="Breadth"/> is the session's SET value rather than the query's WITH.</param>
/// <param name="StrategyFromSession">True when <paramref name="Strategy"/> is the session's SET value rather than the query's WITH.</param>
/// <param name="SettingNotes">Session settings that do not apply to this search, and why, for EXPLAIN; null when none.</param>
internal sealed record BoundSelect(
    TableSchema? Table,
    IReadOnlyList<OutputColumn> Columns,
    SqlExpr? Where,
    IReadOnlyList<DistanceRange> Ranges,
    IReadOnlyList<SortKey> OrderBy,
    long? Limit,
    long? Offset,
    bool IsAggregate,
    SourceSpan Span,
    long? Breadth = null,
    Planning.SearchStrategy Strategy = Planning.SearchStrategy.Auto,
    bool BreadthFromSession = false,
    bool StrategyFromSession = false,
    IReadOnlyList<string>? SettingNotes = null) : BoundStatement(Span)
{
    public override bool Writes => false;
}

/// <summary>EXPLAIN of a statement; with <paramref name="Analyze"/> the statement also runs and its actual rows, time and ranking path are reported.</summary>
internal sealed record BoundExplain(BoundStatement Statement, SourceSpan Span, bool Analyze = false) : BoundStatement(Span)
{
    public override bool Writes => false;
}

/// <summary>BEGIN, COMMIT, ROLLBACK and CHECKPOINT: they act on the session, not on rows.</summary>
internal sealed record BoundSessionCommand(SessionCommand Command, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;
}

internal enum SessionCommand
{
    Begin,
    Commit,
    Rollback,
    Checkpoint,
}

internal sealed record BoundCreateIndex(IndexDefinition Definition, bool IfNotExists, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>ANALYZE [table]: statistics for one table, or every table when <paramref name="Table"/> is null.</summary>
internal sealed record BoundAnalyze(Storage.Catalog.TableSchema? Table, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

internal sealed record BoundDropIndex(string Name, bool IfExists, SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => true;
}

/// <summary>A SELECT of the relational shape (joins, derived tables, common table expressions, set operations, DISTINCT, grouping, subqueries): one query SQLite runs whole.</summary>
/// <param name="Query">The query, with catalog ids and source numbers for names.</param>
/// <param name="Columns">The output columns as the reader describes them.</param>
/// <param name="Decodings">How each output value is read back (a stored vector by slot, a vector value, a BOOLEAN).</param>
/// <param name="SourceNames">The user's name of each FROM item by its number, for EXPLAIN.</param>
internal sealed record BoundQuery(
    SqlQuery Query,
    IReadOnlyList<OutputColumn> Columns,
    IReadOnlyList<ValueDecoding> Decodings,
    IReadOnlyDictionary<int, string> SourceNames,
    SourceSpan Span) : BoundStatement(Span)
{
    public override bool Writes => false;

    /// <summary>Each distance call of the query (by reference) as the user wrote it, for EXPLAIN.</summary>
    public IReadOnlyDictionary<SqlExpr, string> DistanceTexts { get; init; } = new Dictionary<SqlExpr, string>();

    /// <summary>Gives a vector search the planner makes of this query the session's settings (SET ef_search, nprobe, strategy), as a single-table SELECT without WITH (...) gets them.</summary>
    public Func<BoundSelect, BoundSelect>? SearchDefaults { get; init; }
}
