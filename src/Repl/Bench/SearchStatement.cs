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

    /// <summary><c>CREATE TABLE bench (id INTEGER PRIMARY KEY, v VECTOR(d) METRIC m)</c>.</summary>
    public static string CreateTable(BenchElement element, BenchMetric metric, int dimensions)
        => $"CREATE TABLE {Table} (id INTEGER PRIMARY KEY, v {BenchNames.ColumnType(element, metric, dimensions)})";

    /// <summary><c>CREATE INDEX bench_index ON bench USING HNSW (v) WITH (...)</c>.</summary>
    public static string CreateIndex(string method, IReadOnlyList<IndexOption> parameters)
        => $"CREATE INDEX {IndexName} ON {Table} USING {method.ToUpperInvariant()} (v){IndexOption.WithClause(parameters)}";

    /// <summary>The k nearest rows to <c>@q</c> by the column's metric, with any search parameters.</summary>
    public static string Search(int k, IReadOnlyList<IndexOption> searchParameters)
        => $"SELECT id FROM {Table} ORDER BY distance(v, @q) LIMIT {k}{IndexOption.WithClause(searchParameters)}";
}
