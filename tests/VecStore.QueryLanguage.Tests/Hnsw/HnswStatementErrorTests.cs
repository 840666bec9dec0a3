using Dapper;
using VecStore.QueryLanguage.Tests.Errors;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>CREATE INDEX, DROP INDEX and ef_search mistakes: each with its code and the exact place in the text.</summary>
public sealed class HnswStatementErrorTests
{
    private static VecStoreConnection Open()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, v VECTOR(3), w VECTOR(3) METRIC cosine)");
        connection.Execute("INSERT INTO t VALUES (1, 'a', [1, 0, 0], [1, 0, 0]), (2, 'b', [0, 1, 0], [0, 1, 0])");
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        return connection;
    }

    [Theory]
    [InlineData("CREATE INDEX {t_v} ON t USING HNSW (w)", ErrorCode.IndexAlreadyExists)]
    [InlineData("CREATE INDEX other ON t USING HNSW ({v})", ErrorCode.IndexAlreadyExists)]
    [InlineData("CREATE INDEX x ON {nosuch} USING HNSW (v)", ErrorCode.UnknownTable)]
    [InlineData("CREATE INDEX x ON t USING HNSW ({nosuch})", ErrorCode.UnknownColumn)]
    [InlineData("CREATE INDEX x ON t USING HNSW ({name})", ErrorCode.UnsupportedOperation)]
    [InlineData("CREATE INDEX x ON t ({w})", ErrorCode.UnsupportedOperation)]
    [InlineData("CREATE INDEX x ON t USING HNSW (w) WITH (m = {1})", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING HNSW (w) WITH (ef_construction = {0})", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING HNSW (w) WITH ({lists} = 4)", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING HNSW (w) WITH (m = 8, {m} = 9)", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING HNSW (w) WITH (m = {'big'})", ErrorCode.InvalidIndexOption)]
    [InlineData("{CREATE INDEX x ON t USING FLAT (w)}", ErrorCode.NotYetSupported)]
    [InlineData("CREATE INDEX x ON t USING IVFPQ (w) WITH ({ef_search} = 8)", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING IVFPQ (w) WITH (refine = {-1})", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING IVFPQ (w) WITH (refine = {0})", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING IVF (w) WITH ({m} = 8)", ErrorCode.InvalidIndexOption)]
    [InlineData("CREATE INDEX x ON t USING IVF (w) WITH (lists = {0})", ErrorCode.InvalidIndexOption)]
    [InlineData("SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 1 WITH (ef_search = 10, {nprobe} = 4)", ErrorCode.UnsupportedOperation)]
    [InlineData("DROP INDEX {nosuch}", ErrorCode.UnknownIndex)]
    [InlineData("SELECT id FROM t ORDER BY w <=> [1, 0, 0] LIMIT 1 WITH ({ef_search} = 10)", ErrorCode.UnsupportedOperation)]
    [InlineData("SELECT id FROM t ORDER BY v <=> [1, 0, 0] LIMIT 1 WITH ({ef_search} = 10)", ErrorCode.UnsupportedOperation)]
    [InlineData("SELECT id FROM t ORDER BY v <-> [1, 0, 0] WITH ({ef_search} = 10)", ErrorCode.UnsupportedOperation)]
    [InlineData("SELECT id FROM t ORDER BY v <-> [1, 0, 0] DESC LIMIT 1 WITH ({ef_search} = 10)", ErrorCode.UnsupportedOperation)]
    [InlineData("SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 1 WITH (ef_search = {0})", ErrorCode.InvalidLimit)]
    [InlineData("SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 1 WITH ({nprobe} = 4)", ErrorCode.UnsupportedOperation)]
    public void Mistakes_are_reported_where_they_are(string annotated, ErrorCode code)
    {
        using var connection = Open();
        ErrorAssert.Fails(connection, annotated, code);
        // Nothing changed: the one index is still there and still used.
        Assert.Contains("USING index hnsw t_v", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 1").First());
    }

    [Fact]
    public void If_not_exists_and_if_exists_are_quiet()
    {
        using var connection = Open();
        connection.Execute("CREATE INDEX IF NOT EXISTS t_v ON t USING HNSW (v)");
        connection.Execute("DROP INDEX IF EXISTS nosuch");
        connection.Execute("DROP INDEX t_v");
        connection.Execute("DROP INDEX IF EXISTS t_v");
        Assert.Contains("USING flat", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 1").First());
    }

    [Fact]
    public void Explain_shows_the_index_and_its_parameters()
    {
        using var connection = Open();
        connection.Execute("CREATE INDEX t_w ON t USING HNSW (w) WITH (m = 24, ef_construction = 150)");
        var lines = connection.Query<string>("EXPLAIN SELECT id FROM t WHERE name <> 'x' ORDER BY w <=> [1, 0, 0] LIMIT 5 WITH (ef_search = 99, strategy = 'index')").ToList();
        Assert.Equal("VECTOR SEARCH t.w USING index hnsw t_w (approximate, forced)", lines[0]);
        Assert.Equal("  index: m = 24, ef_construction = 150, ef_search = 99 (WITH)", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("  filter (SQLite, before ranking): name <> 'x'", StringComparison.Ordinal));
        var plain = connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [1, 0, 0] LIMIT 5").ToList();
        Assert.Equal("  index: m = 16, ef_construction = 200, ef_search = 64 (the index's default)", plain[1]);
        // Searches the index cannot answer stay exact.
        Assert.Contains("USING flat", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [1, 0, 0] DESC LIMIT 5").First());
        Assert.Contains("USING flat", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [1, 0, 0], id LIMIT 5").First());
        Assert.Contains("USING flat", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <=> [1, 0, 0] LIMIT 5").First());
    }
}
