using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Regressions;

/// <summary>
/// Issue 15, item 8: an IVF or IVFPQ index can be declared on an empty table. It waits, searches
/// stay exact (EXPLAIN says so), and the write after which the column holds enough vectors trains
/// it in its own transaction; from then on it is used, and it survives reopening.
/// </summary>
public sealed class Issue15IvfOnNewTableTests
{
    private const int Dimensions = 8;

    [Theory]
    [InlineData("IVF")]
    [InlineData("IVFPQ")]
    public void Index_created_on_an_empty_table_trains_once_enough_rows_arrive(string method)
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("new.vdb")}";
        var random = new Random(15);
        var rows = new Dictionary<long, float[]>();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
            connection.Execute($"CREATE INDEX t_v ON t USING {method} (v){(method == "IVFPQ" ? " WITH (m = 4)" : "")}");
            Assert.Contains("not used: not trained yet: it trains once the column holds 1000 vectors", Explain(connection));
            // .indexes and GetSchema say so in words; the options stay what CREATE INDEX was given.
            var waiting = connection.GetIndexes("t").Single();
            Assert.Equal("waiting for 1000 vectors to train (searches are exact until then)", waiting.State);
            Assert.Equal(method == "IVFPQ" ? "m = 4" : "", waiting.Options);

            Insert(connection, random, rows, 1, 600);
            Assert.Contains("not trained yet", Explain(connection));
            AssertExact(connection, random, rows);

            // Row by row, as an application adds them: the commit that reaches 1,000 trains the index.
            for (long id = 601; id <= 1000; id++)
                Insert(connection, random, rows, id, 1);
            Assert.StartsWith($"VECTOR SEARCH t.v USING index {method.ToLowerInvariant()} t_v", Explain(connection));
            Assert.Contains("lists = 126", string.Join("\n", ExplainLines(connection)));
            Assert.StartsWith("126 lists (chosen at training)", connection.GetIndexes("t").Single().State);
            Insert(connection, random, rows, 1001, 500);
            Assert.True(Recall(connection, random, rows) >= 0.9);
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Assert.StartsWith($"VECTOR SEARCH t.v USING index {method.ToLowerInvariant()} t_v", Explain(connection));
            Assert.True(Recall(connection, random, rows) >= 0.9);
        }
    }

    [Fact]
    public void Index_with_given_lists_waits_for_as_many_rows_and_a_failed_statement_leaves_it_waiting()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("lists.vdb")}");
        connection.Open();
        var random = new Random(8);
        var rows = new Dictionary<long, float[]>();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
        Insert(connection, random, rows, 1, 30);
        connection.Execute("CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 40)");
        Assert.Contains("it trains once the column holds 40 vectors", Explain(connection));
        // A query written for the trained index already runs, exactly.
        Assert.Single(connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 1 WITH (nprobe = 4)", new { q = new float[Dimensions] }));

        // The insert that would reach 40 rows fails at its last row: nothing of it stays, the index still waits.
        Assert.Throws<VecStoreException>(() => connection.Execute(
            "INSERT INTO t VALUES " + string.Join(", ", Enumerable.Range(31, 20).Select(i => $"({i}, [{string.Join(", ", Enumerable.Repeat(i, Dimensions))}])")) + ", (1, [0, 0, 0, 0, 0, 0, 0, 0])"));
        Assert.Equal(30L, connection.QuerySingle<long>("SELECT count(*) FROM t"));
        Assert.Contains("not trained yet", Explain(connection));
        AssertExact(connection, random, rows);

        Insert(connection, random, rows, 31, 10);
        Assert.StartsWith("VECTOR SEARCH t.v USING index ivf t_v", Explain(connection));
        Assert.Contains("lists = 40", string.Join("\n", ExplainLines(connection)));
        AssertExact(connection, random, rows, " WITH (nprobe = 40)");
    }

    [Fact]
    public void Index_created_on_a_full_table_picks_its_lists_from_the_rows()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        var random = new Random(3);
        var rows = new Dictionary<long, float[]>();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
        Insert(connection, random, rows, 1, 2500);
        connection.Execute("CREATE INDEX t_v ON t USING IVF (v)");
        Assert.Contains("lists = 200", string.Join("\n", ExplainLines(connection)));
        Assert.True(Recall(connection, random, rows) >= 0.9);
    }

    private static void Insert(VecStoreConnection connection, Random random, Dictionary<long, float[]> rows, long first, int count)
    {
        using var transaction = connection.BeginTransaction();
        for (long id = first; id < first + count; id++)
        {
            var v = RandomVectors.Uniform(random, 1, Dimensions);
            rows[id] = v;
            connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v }, transaction);
        }
        transaction.Commit();
    }

    private static string Explain(VecStoreConnection connection) => string.Join("\n", ExplainLines(connection));

    private static List<string> ExplainLines(VecStoreConnection connection) =>
        connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q = new float[Dimensions] }).ToList();

    private static List<long> BruteForce(Dictionary<long, float[]> rows, float[] q, int k) =>
        rows.OrderBy(r => Indexes.Distance.DistanceKernels.Distance(Indexes.Distance.Metric.L2, q, r.Value)).ThenBy(r => r.Key).Take(k).Select(r => r.Key).ToList();

    private static void AssertExact(VecStoreConnection connection, Random random, Dictionary<long, float[]> rows, string options = "")
    {
        for (int i = 0; i < 10; i++)
        {
            var q = RandomVectors.Uniform(random, 1, Dimensions);
            Assert.Equal(BruteForce(rows, q, 10), connection.Query<long>($"SELECT id FROM t ORDER BY v <-> @q LIMIT 10{options}", new { q }).ToList());
        }
    }

    private static double Recall(VecStoreConnection connection, Random random, Dictionary<long, float[]> rows)
    {
        double hits = 0;
        for (int i = 0; i < 30; i++)
        {
            var q = RandomVectors.Uniform(random, 1, Dimensions);
            var truth = BruteForce(rows, q, 10).ToHashSet();
            hits += connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q }).Count(truth.Contains);
        }
        return hits / 300;
    }
}
