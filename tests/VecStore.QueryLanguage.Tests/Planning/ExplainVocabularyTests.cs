using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// EXPLAIN says why a column's index is not used, and names strategies with one vocabulary: its
/// first line, its cost line (<c>chosen: ...</c>), EXPLAIN ANALYZE's <c>actual ranking:</c> and
/// <c>WITH (strategy = ...)</c> use the same words.
/// </summary>
public sealed class ExplainVocabularyTests(ExplainVocabularyTests.Table table) : IClassFixture<ExplainVocabularyTests.Table>
{
    private readonly VecStoreConnection _connection = table.Connection;
    private readonly float[] _query = [1, 0, 0, 0];

    /// <summary>3,000 rows with a cosine column and its HNSW index, and an index on the filter's column; shared, the tests only read.</summary>
    public sealed class Table : IDisposable
    {
        public Table()
        {
            Connection.Open();
            Connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, v VECTOR(4) METRIC cosine)");
            var random = new Random(16);
            var rows = new List<object?[]>();
            for (long id = 1; id <= 3000; id++)
                rows.Add([id, id % 100, RandomVectors.Uniform(random, 1, 4)]);
            new VecStoreBulkInsert(Connection, "t").Write(rows);
            Connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 40)");
            Connection.Execute("CREATE INDEX t_cat ON t (cat)");
        }

        public VecStoreConnection Connection { get; } = new("Data Source=:memory:");

        public void Dispose() => Connection.Dispose();
    }

    public static TheoryData<string, string> Skipped => new()
    {
        { "SELECT id FROM t ORDER BY v <-> @q LIMIT 5", "not used: it serves the column's metric cosine, and the query orders by L2 distance (v <-> @q); order by distance(v, ...) or v <=> ... to search through it" },
        { "SELECT id FROM t ORDER BY l2_distance(v, @q) LIMIT 5", "not used: it serves the column's metric cosine, and the query orders by L2 distance" },
        { "SELECT id FROM t ORDER BY v <=> @q DESC LIMIT 5", "not used: the query asks for the farthest rows first; an index finds the nearest" },
        { "SELECT id FROM t ORDER BY v <=> @q", "not used: the query has no LIMIT; an index finds the nearest k rows" },
        { "SELECT id FROM t ORDER BY v <=> @q LIMIT 10000 OFFSET 1", "not used: LIMIT + OFFSET asks for 10001 rows; an index search returns at most 10000" },
        { "SELECT id FROM t ORDER BY v <=> @q, id LIMIT 5", "not used: ORDER BY has further keys after the distance" },
        { "SELECT id FROM t WHERE cat < 50 ORDER BY v <=> @q LIMIT 5 WITH (strategy = 'flat')", "not used: strategy 'flat' is forced, which ranks exactly" },
    };

    [Theory]
    [MemberData(nameof(Skipped))]
    public void An_index_the_query_cannot_use_is_named_with_the_reason(string sql, string reason)
    {
        var lines = Explain(sql);
        Assert.StartsWith("VECTOR SEARCH t.v USING flat (exact", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  index: hnsw t_v, " + reason, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_distance_after_another_key_names_the_index_it_cannot_use()
    {
        var lines = Explain("SELECT id FROM t ORDER BY cat, v <=> @q LIMIT 5");
        Assert.Equal("SORT IN MEMORY t", lines[0]);
        Assert.Equal("  index: hnsw t_v, not used: ORDER BY has another key before the distance: every passing row is ranked", lines[1]);
    }

    [Fact]
    public void An_option_that_needs_the_index_is_refused_with_the_same_reason()
    {
        var error = Assert.Throws<VecStoreException>(() => Explain("SELECT id FROM t ORDER BY v <-> @q LIMIT 5 WITH (ef_search = 80)"));
        Assert.Contains("the index 't_v' on the column cannot rank it, because it serves the column's metric cosine, and the query orders by L2 distance", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cat = 7", null)]
    [InlineData("cat < 5", null)]
    [InlineData("cat < 50", null)]
    [InlineData("cat % 2 = 0", null)]
    [InlineData("cat < 50", "flat")]
    [InlineData("cat < 50", "prefilter")]
    [InlineData("cat = 7", "index")]
    [InlineData("cat >= 0", "postfilter")]
    public void The_first_line_the_cost_line_and_the_actual_ranking_name_the_same_strategy(string filter, string? forced)
    {
        string sql = $"SELECT id FROM t WHERE {filter} ORDER BY v <=> @q LIMIT 10" + (forced is null ? "" : $" WITH (strategy = '{forced}')");
        var lines = Explain("EXPLAIN ANALYZE " + sql);
        string strategy = forced ?? lines.Single(l => l.StartsWith("estimated cost: ", StringComparison.Ordinal)).Split("; chosen: ")[1];
        string how = strategy is "index" or "postfilter" ? "approximate" : "exact";
        string expectedFirst = strategy switch
        {
            "index" => "VECTOR SEARCH t.v USING index hnsw t_v",
            "postfilter" => "VECTOR SEARCH t.v USING postfilter through index hnsw t_v",
            _ => $"VECTOR SEARCH t.v USING {strategy}",
        } + $" ({how}{(forced is null ? "" : ", forced")})";
        Assert.Equal(expectedFirst, lines[0]);
        string ranking = lines.Single(l => l.StartsWith("actual ranking: ", StringComparison.Ordinal));
        Assert.StartsWith("actual ranking: " + (strategy == "index" ? "index hnsw t_v" : strategy == "postfilter" ? "postfilter through index hnsw t_v" : strategy), ranking, StringComparison.Ordinal);
        if (forced is null && strategy is "prefilter" or "flat")
            Assert.Equal("  index: hnsw t_v, not searched: the cost model estimates ranking the passing rows exactly cheaper", lines[1]);
    }

    private List<string> Explain(string sql) =>
        _connection.Query<string>(sql.StartsWith("EXPLAIN", StringComparison.Ordinal) ? sql : "EXPLAIN " + sql, new { q = _query }).ToList();
}
