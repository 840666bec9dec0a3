using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>
/// Queries through an HNSW index against a brute-force model while rows are inserted, updated and
/// deleted, across checkpoints and reopening: recall stays high, deleted rows never come back,
/// updated rows are found where they moved, and every reported distance is exact.
/// </summary>
public sealed class HnswSqlAgainstModelTests
{
    private const int Dimensions = 12;

    [Theory]
    [InlineData(1, "l2")]
    [InlineData(2, "cosine")]
    [InlineData(3, "ip")]
    public void Index_search_follows_every_change_and_keeps_recall(int seed, string metricName)
    {
        var metric = metricName switch { "cosine" => Metric.Cosine, "ip" => Metric.InnerProduct, _ => Metric.L2 };
        string distance = metricName switch { "cosine" => "<=>", "ip" => "<#>", _ => "<->" };
        var random = new Random(seed);
        var model = new HnswModel(metric);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("model.vdb")};Checkpoint Threshold=40000";
        var connection = new VecStoreConnection(cs);
        connection.Open();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER NOT NULL, v VECTOR({Dimensions}) METRIC {metricName})");
        long nextId = 1;
        Insert(connection, model, random, ref nextId, 1500);
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 12, ef_construction = 100)");
        var plan = connection.Query<string>($"EXPLAIN SELECT id FROM t WHERE cat <> 1 ORDER BY v {distance} @q LIMIT 10 WITH (ef_search = 80)", new { q = new float[Dimensions] }).ToList();
        Assert.Contains("index hnsw t_v (approximate)", plan[0]);

        int hits = 0, wanted = 0;
        for (int round = 0; round < 24; round++)
        {
            switch (random.Next(5))
            {
                case 0:
                    Insert(connection, model, random, ref nextId, random.Next(1, 60));
                    break;
                case 1:
                    foreach (long id in Pick(model, random, random.Next(1, 40)))
                    {
                        var v = Vector(random);
                        connection.Execute("UPDATE t SET v = @v WHERE id = @id", new { v, id });
                        model.Rows[id] = (model.Rows[id].Category, v);
                    }
                    break;
                case 2:
                    foreach (long id in Pick(model, random, random.Next(1, 80)))
                    {
                        connection.Execute("DELETE FROM t WHERE id = @id", new { id });
                        model.Rows.Remove(id);
                    }
                    break;
                case 3:
                    connection.Checkpoint();
                    break;
                default:
                    connection.Dispose();
                    connection = new VecStoreConnection(cs);
                    connection.Open();
                    break;
            }

            for (int q = 0; q < 6; q++)
            {
                var query = Vector(random);
                bool filtered = q % 3 == 2;
                long category = random.Next(3);
                string where = filtered ? "WHERE cat <> @category " : "";
                var rows = connection.Query<(long Id, double Distance)>(
                    $"SELECT id, v {distance} @query AS d FROM t {where}ORDER BY v {distance} @query LIMIT 10 WITH (ef_search = 80)",
                    new { query, category }).ToList();
                var expected = filtered ? NearestExcept(model, query, 10, category) : model.Nearest(query, 10);
                Assert.Equal(expected.Count, rows.Count);
                foreach (var (id, d) in rows)
                {
                    Assert.True(model.Rows.TryGetValue(id, out var row), $"row {id} was deleted but came back");
                    Assert.True(!filtered || row.Category != category, "a row the filter rejects came back");
                    double exact = model.Distance(query, row.Vector);
                    Assert.Equal(exact, d);
                }
                for (int i = 1; i < rows.Count; i++)
                    Assert.True(rows[i - 1].Distance <= rows[i].Distance, "results are not nearest first");
                wanted += expected.Count;
                foreach (long id in expected)
                    hits += rows.Exists(r => r.Id == id) ? 1 : 0;

                // A row inserted right now at the query's place (scaled, for inner product) is found at once.
                var near = query.Select(x => metric == Metric.InnerProduct ? x * 100 : x).ToArray();
                connection.Execute("INSERT INTO t VALUES (@id, 0, @near)", new { id = nextId, near });
                model.Rows[nextId] = (0, near);
                Assert.Equal(model.Nearest(query, 1)[0], connection.QuerySingle<long>($"SELECT id FROM t ORDER BY v {distance} @query LIMIT 1", new { query }));
                nextId++;
            }
        }
        connection.Dispose();
        double recall = (double)hits / wanted;
        Assert.True(recall >= 0.9, $"recall@10 through the index was {recall:F3}");
    }

    [Fact]
    public void Bulk_load_into_an_indexed_table_is_found_at_once_and_linked_in_the_background()
    {
        var random = new Random(11);
        var model = new HnswModel(Metric.L2);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("bulk.vdb")}";
        long nextId = 1;
        var queries = Enumerable.Range(0, 20).Select(_ => Vector(random)).ToList();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER NOT NULL, v VECTOR({Dimensions}))");
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 12, ef_construction = 80)");
            Insert(connection, model, random, ref nextId, 5000);
            // Whether or not the graph has caught up, every committed row is a candidate.
            foreach (var q in queries)
                Assert.Equal(model.Nearest(q, 1)[0], connection.QuerySingle<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", new { q }));
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            // Closing linked the whole load into the saved graph: the answers now come from it.
            int hits = 0;
            foreach (var q in queries)
            {
                var ids = connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10 WITH (ef_search = 64)", new { q }).ToList();
                hits += model.Nearest(q, 10).Count(ids.Contains);
            }
            Assert.True(hits >= 0.9 * 10 * queries.Count, $"recall@10 {hits / (10.0 * queries.Count):F3}");
        }
    }

    private static List<long> NearestExcept(HnswModel model, float[] query, int k, long category)
    {
        var all = new List<(double, long)>();
        foreach (var (id, row) in model.Rows)
            if (row.Category != category)
                all.Add((model.Distance(query, row.Vector), id));
        all.Sort();
        return all.Take(k).Select(p => p.Item2).ToList();
    }

    private static void Insert(VecStoreConnection connection, HnswModel model, Random random, ref long nextId, int count)
    {
        var rows = new List<object>(count);
        for (int i = 0; i < count; i++)
        {
            long id = nextId++;
            long category = random.Next(3);
            var v = Vector(random);
            model.Rows[id] = (category, v);
            rows.Add(new { id, category, v });
        }
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO t VALUES (@id, @category, @v)", rows, transaction);
        transaction.Commit();
    }

    private static List<long> Pick(HnswModel model, Random random, int count)
    {
        var ids = model.Rows.Keys.ToList();
        var picked = new List<long>();
        for (int i = 0; i < count && ids.Count > 0; i++)
        {
            int at = random.Next(ids.Count);
            picked.Add(ids[at]);
            ids.RemoveAt(at);
        }
        return picked;
    }

    // Clustered points, so that graphs have structure to find, and queries near them.
    private static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        int cluster = random.Next(8);
        for (int i = 0; i < Dimensions; i++)
            v[i] = (float)(((cluster * 7 + i) % 5) - 2 + (random.NextDouble() - 0.5) * 1.5);
        return v;
    }
}
