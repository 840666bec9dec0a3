using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>EXPLAIN of a relational SELECT shows each vector search the planner made (strategy, index, estimates, indented under its SELECT) and SQLite's plan around it, with the user's names.</summary>
public sealed class VectorSearchInJoinsExplainTests
{
    private static VecStoreConnection Database(TempDirectory dir, bool index)
    {
        var connection = new VecStoreConnection($"Data Source={dir.File("explain.vdb")}");
        connection.Open();
        Run(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, lang TEXT NOT NULL)");
        Run(connection, "CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, emb VECTOR(4))");
        using (var transaction = connection.BeginTransaction())
        {
            for (int d = 1; d <= 50; d++)
                Run(connection, "INSERT INTO docs VALUES (@id, @lang)", ("id", (long)d), ("lang", d % 5 == 0 ? "de" : "en"));
            var random = new Random(5);
            for (int c = 1; c <= 1500; c++)
                Run(connection, "INSERT INTO chunks VALUES (@id, @doc, @emb)", ("id", (long)c), ("doc", (long)(c % 50 + 1)),
                    ("emb", new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() }));
            transaction.Commit();
        }
        if (index)
            Run(connection, "CREATE INDEX chunks_emb ON chunks USING HNSW (emb)");
        return connection;
    }

    private static List<string> Explain(VecStoreConnection connection, string sql) =>
        Rows(connection, "EXPLAIN " + sql, ("q", new[] { 0.5f, 0.5f, 0.5f, 0.5f })).ConvertAll(r => (string)r[0]!);

    [Fact]
    public void A_join_ordered_by_distance_is_a_vector_search_of_one_table_then_SQLite_over_its_rows()
    {
        using var dir = new TempDirectory();
        using var connection = Database(dir, index: true);
        var lines = Explain(connection, "SELECT c.id, d.lang FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.lang = 'de' ORDER BY c.emb <-> @q LIMIT 10");
        string text = string.Join("\n", lines);
        Assert.StartsWith("VECTOR TOP-K of c", lines[0]);
        Assert.StartsWith("  VECTOR SEARCH chunks.emb USING ", lines[1]);
        Assert.Contains("estimated cost:", text);
        Assert.Contains("filter (SQLite, ", text);
        Assert.Contains("its join key IN the keys of the rows of d", text);
        Assert.Contains("SQLITE QUERY", text);
        Assert.Contains("(ranked rows of c)", text);
        Assert.DoesNotContain("\"s", text);
        Assert.DoesNotContain("t1", text.Replace("then", ""));
    }

    [Fact]
    public void A_search_inside_a_common_table_expression_is_indented_under_it_and_a_join_on_two_columns_is_a_correlated_EXISTS()
    {
        using var dir = new TempDirectory();
        using var connection = Database(dir, index: false);
        var lines = Explain(connection, "WITH near AS (SELECT c.id AS id, c.doc_id AS doc FROM chunks c JOIN docs d ON d.id = c.doc_id AND d.id <> c.id "
            + "WHERE d.lang = 'en' ORDER BY c.emb <=> @q LIMIT 5) SELECT n.id, d.lang FROM near n JOIN docs d ON d.id = n.doc ORDER BY n.id");
        Assert.StartsWith("  VECTOR TOP-K of c", lines[0]);
        Assert.StartsWith("    VECTOR SEARCH chunks.emb USING ", lines[1]);
        Assert.Contains(lines, l => l.Contains("order: c.emb <=> @q ASC", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("EXISTS a matching row of d", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SQLITE QUERY", StringComparison.Ordinal));
    }

    [Fact]
    public void Best_chunk_per_document_is_no_vector_search_and_says_its_distances_are_exact()
    {
        using var dir = new TempDirectory();
        using var connection = Database(dir, index: true);
        var lines = Explain(connection, "SELECT doc_id, min(emb <=> @q) AS best FROM chunks GROUP BY doc_id ORDER BY best LIMIT 5");
        Assert.DoesNotContain(lines, l => l.Contains("VECTOR TOP-K", StringComparison.Ordinal));
        Assert.StartsWith("SQLITE QUERY", lines[0]);
        Assert.Contains("exact", lines[0]);
    }

    [Fact]
    public void A_search_inside_a_join_takes_the_session_settings()
    {
        using var dir = new TempDirectory();
        using var connection = Database(dir, index: true);
        Run(connection, "SET ef_search = 77");
        var lines = Explain(connection, "SELECT c.id, d.lang FROM chunks c LEFT JOIN docs d ON d.id = c.doc_id ORDER BY c.emb <-> @q LIMIT 3");
        Assert.Contains(lines, l => l.Contains("index hnsw chunks_emb", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ef_search = 77 (SET for the session)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("filter (SQLite", StringComparison.Ordinal));
    }
}
