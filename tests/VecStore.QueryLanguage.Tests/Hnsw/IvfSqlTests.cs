using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>USING IVF through SQL: built, kept in step with changes, reopened without retraining, errors with their codes.</summary>
public sealed class IvfSqlTests
{
    private const int Dimensions = 8;

    [Fact]
    public void Ivf_index_answers_like_brute_force_when_every_list_is_probed_and_follows_changes()
    {
        var model = new HnswModel(Metric.L2);
        var random = new Random(5);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("ivf.vdb")}";
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
            Insert(connection, model, random, 1, 800);
            connection.Execute("CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 16, nprobe = 4)");
            var plan = connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 5 WITH (nprobe = 16)", new { q = new float[Dimensions] }).ToList();
            Assert.Equal("VECTOR SEARCH t.v USING index ivf t_v (approximate)", plan[0]);
            Assert.Equal("  index: lists = 16, nprobe = 16 (WITH)", plan[1]);
            Check(connection, model, random);
            // nprobe counts lists, not rows: one list of sixteen misses neighbours that all sixteen find.
            int narrow = 0;
            for (int i = 0; i < 20; i++)
            {
                var q = Vector(random);
                narrow += connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10 WITH (nprobe = 1)", new { q }).Count(model.Nearest(q, 10).Contains);
            }
            Assert.InRange(narrow, 1, 199);
            Insert(connection, model, random, 801, 60);
            foreach (long id in model.Rows.Keys.Where(id => id % 7 == 0).ToList())
            {
                connection.Execute("DELETE FROM t WHERE id = @id", new { id });
                model.Rows.Remove(id);
            }
            Check(connection, model, random);
        }
        var file = Directory.GetFiles(dir.Path, "*-index-*").Single();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Check(connection, model, random);
        }
        Assert.Single(Directory.GetFiles(dir.Path, "*-index-*"), file);
    }

    [Fact]
    public void Ivfpq_index_finds_the_neighbours_after_exact_reranking_and_survives_reopening()
    {
        var model = new HnswModel(Metric.L2);
        var random = new Random(9);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("ivfpq.vdb")}";
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
            Insert(connection, model, random, 1, 800);
            var error = Assert.Throws<VecStoreException>(() => connection.Execute("CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = 16, m = 3)"));
            Assert.Equal(ErrorCode.InvalidIndexOption, error.Code);
            connection.Execute("CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = 16, m = 4, refine = 8)");
            Assert.StartsWith("VECTOR SEARCH t.v USING index ivfpq t_v", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = new float[Dimensions] }).First());
            Assert.True(Recall(connection, model, random) >= 0.9);
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Assert.True(Recall(connection, model, random) >= 0.9);
        }
    }

    [Fact]
    public void Many_lists_find_their_probes_through_the_centroid_graph_and_explain_says_so()
    {
        var model = new HnswModel(Metric.L2);
        var random = new Random(9);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("graph.vdb")}";
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
            Insert(connection, model, random, 1, 6000);
            connection.Execute("CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 4200)");
            var q = new float[Dimensions];
            Assert.Equal("  index: lists = 4200, nprobe = 120 (WITH), probes found by an HNSW graph over the centroids",
                connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 5 WITH (nprobe = 120)", new { q }).ElementAt(1));
            // More than a 32nd of the lists: every centroid is compared.
            Assert.Equal("  index: lists = 4200, nprobe = 140 (WITH)",
                connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 5 WITH (nprobe = 140)", new { q }).ElementAt(1));
            Assert.True(Recall(connection, model, random, 120) >= 0.9);
        }
        using (var connection = new VecStoreConnection(cs))
        {
            // Reopened: the centroid graph is rebuilt from the saved centroids, not saved itself.
            connection.Open();
            Assert.True(Recall(connection, model, random, 120) >= 0.9);
        }
    }

    private static double Recall(VecStoreConnection connection, HnswModel model, Random random, int nprobe = 16)
    {
        int hits = 0;
        for (int i = 0; i < 20; i++)
        {
            var q = Vector(random);
            var rows = connection.Query<(long Id, double D)>($"SELECT id, v <-> @q FROM t ORDER BY v <-> @q LIMIT 10 WITH (nprobe = {nprobe})", new { q }).ToList();
            foreach (var (id, d) in rows)
                Assert.Equal(model.Distance(q, model.Rows[id].Vector), (float)d);
            hits += rows.Count(r => model.Nearest(q, 10).Contains(r.Id));
        }
        return hits / 200.0;
    }

    [Fact]
    public void Too_few_rows_to_train_leaves_the_index_waiting_and_searches_exact()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2), b BIT(8))");
        connection.Execute("INSERT INTO t VALUES (1, [0, 1], '10101010'), (2, [1, 0], '01010101')");
        connection.Execute("CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 4)");
        Assert.Contains("USING flat", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> [0, 1] LIMIT 1").First());
        Assert.Equal(1L, connection.QuerySingle<long>("SELECT id FROM t ORDER BY v <-> [0, 1] LIMIT 1"));
        var bits = Assert.Throws<VecStoreException>(() => connection.Execute("CREATE INDEX t_b ON t USING IVF (b) WITH (lists = 1)"));
        Assert.Equal(ErrorCode.UnsupportedOperation, bits.Code);
        connection.Execute("DROP INDEX t_v");
        connection.Execute("CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 2)");
        Assert.Equal(1L, connection.QuerySingle<long>("SELECT id FROM t ORDER BY v <-> [0, 1] LIMIT 1 WITH (nprobe = 2)"));
    }

    private static void Check(VecStoreConnection connection, HnswModel model, Random random)
    {
        for (int i = 0; i < 20; i++)
        {
            var q = Vector(random);
            var ids = connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10 WITH (nprobe = 16)", new { q }).ToList();
            Assert.Equal(model.Nearest(q, 10), ids);
        }
    }

    private static void Insert(VecStoreConnection connection, HnswModel model, Random random, long first, int count)
    {
        using var transaction = connection.BeginTransaction();
        for (long id = first; id < first + count; id++)
        {
            var v = Vector(random);
            model.Rows[id] = (0, v);
            connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v }, transaction);
        }
        transaction.Commit();
    }

    private static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        for (int i = 0; i < Dimensions; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }
}
