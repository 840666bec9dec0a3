namespace VecStore.Repl.Bench;

/// <summary>The SQL the benchmark runs: the table it creates and the nearest-neighbour query it times.</summary>
internal static class SearchStatement
{
    /// <summary>The table holding the base vectors; row i of the base has id i.</summary>
    public const string Table = "bench";

    /// <summary>The table recording what the database holds, so a later run can reuse it (<c>--db</c>).</summary>
    public const string InfoTable = "bench_info";

    /// <summary>The index a non-flat run builds.</summary>
    public const string IndexName = "bench_index";

    /// <summary>Filtered mode's column independent of the vectors (<see cref="FilterColumns.Tag"/>).</summary>
    public const string TagColumn = "tag";

    /// <summary>Filtered mode's column correlated with the vectors (<see cref="FilterColumns.Group"/>).</summary>
    public const string GroupColumn = "grp";

    /// <summary><c>CREATE TABLE bench (id INTEGER PRIMARY KEY, v VECTOR(d) METRIC m)</c>, with the two filter columns in filtered mode.</summary>
    public static string CreateTable(BenchElement element, BenchMetric metric, int dimensions, bool filterColumns = false)
        => $"CREATE TABLE {Table} (id INTEGER PRIMARY KEY, v {BenchNames.ColumnType(element, metric, dimensions)}{(filterColumns ? $", {TagColumn} INTEGER, {GroupColumn} INTEGER" : "")})";

    /// <summary>SQLite indexes on the filter columns.</summary>
    public static string[] FilterIndexes() =>
        [$"CREATE INDEX {Table}_{TagColumn} ON {Table} ({TagColumn})", $"CREATE INDEX {Table}_{GroupColumn} ON {Table} ({GroupColumn})"];

    /// <summary>The k nearest rows to <c>@q</c> among those whose filter column is below <c>@t</c>, with a forced strategy unless it is auto.</summary>
    public static string FilteredSearch(int k, FilterKind kind, string strategy)
        => $"SELECT id FROM {Table} WHERE {(kind == FilterKind.Independent ? TagColumn : GroupColumn)} < @t ORDER BY distance(v, @q) LIMIT {k}"
           + (strategy == "auto" ? "" : $" WITH (strategy = '{strategy}')");

    /// <summary><c>CREATE INDEX bench_index ON bench USING HNSW (v) WITH (...)</c>.</summary>
    public static string CreateIndex(string method, IReadOnlyList<IndexOption> parameters)
        => $"CREATE INDEX {IndexName} ON {Table} USING {method.ToUpperInvariant()} (v){IndexOption.WithClause(parameters)}";

    /// <summary>The k nearest rows to <c>@q</c> by the column's metric, with any search parameters.</summary>
    public static string Search(int k, IReadOnlyList<IndexOption> searchParameters)
        => $"SELECT id FROM {Table} ORDER BY distance(v, @q) LIMIT {k}{IndexOption.WithClause(searchParameters)}";
}
