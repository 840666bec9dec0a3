using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>A batch of the same search with different query vectors gives exactly what running each alone gives.</summary>
public sealed class BatchedSearchTests
{
    [Theory]
    [InlineData("SELECT id, v <-> @q AS d FROM t ORDER BY d LIMIT 7")]
    [InlineData("SELECT id, v <=> @q AS d FROM t WHERE grp = 2 ORDER BY d LIMIT 5")]
    [InlineData("SELECT id, inner_product(v, @q) AS d FROM t WHERE grp <> 1 ORDER BY d DESC LIMIT 9 OFFSET 2")]
    [InlineData("SELECT id, v <#> @q AS d FROM t ORDER BY d DESC LIMIT 400")]
    [InlineData("SELECT id FROM t WHERE id % 97 = 0 ORDER BY v <-> @q LIMIT 3")]
    [InlineData("SELECT id, v <-> @q AS d FROM t ORDER BY d LIMIT 7 WITH (ef_search = 30)", true)]
    [InlineData("SELECT id FROM t WHERE grp <> 2 ORDER BY v <-> @q LIMIT 5", true)]
    [InlineData("SELECT id FROM t WHERE id % 97 = 0 ORDER BY v <-> @q LIMIT 3", true)]
    [InlineData("SELECT id FROM t WHERE v <-> @q < 4 ORDER BY v <-> @q LIMIT 7")]
    [InlineData("SELECT id FROM t WHERE v <-> @q < 4 ORDER BY v <-> @q LIMIT 7", true)]
    [InlineData("SELECT id FROM t WHERE grp = 1 AND v <-> @q > 4 ORDER BY v <-> @q LIMIT 5")]
    public void Batched_searches_equal_single_searches(string sql, bool hnsw = false)
    {
        using var connection = new VecStoreConnection("Data Source=:memory:;Threads=2");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER, v VECTOR(24))");
        if (hnsw)
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8)");
        var random = new Random(3);
        var rows = new List<object?[]>();
        for (int i = 1; i <= 2000; i++)
            rows.Add([i, i % 4, random.Next(40) == 0 ? null : RandomVector(random)]);
        new VecStoreBulkInsert(connection, "t").Write(rows);
        var queries = Enumerable.Range(0, 23).Select(_ => RandomVector(random)).ToList();

        var single = queries.Select(q => connection.Query<long>(sql, new { q }).ToList()).ToList();

        using var batch = connection.CreateBatch();
        foreach (var q in queries)
        {
            var command = new VecStoreBatchCommand(sql);
            command.Parameters.AddWithValue("q", q);
            batch.BatchCommands.Add(command);
        }
        var batched = new List<List<long>>();
        using (var reader = batch.ExecuteReader())
        {
            do
            {
                var ids = new List<long>();
                while (reader.Read())
                    ids.Add(reader.GetInt64(0));
                batched.Add(ids);
            }
            while (reader.NextResult());
        }
        Assert.Equal(single, batched);
    }

    [Fact]
    public void A_batch_mixing_different_searches_and_statements_runs_each_in_order()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2)); INSERT INTO t VALUES (1, [0, 0]), (2, [3, 3])");
        using var batch = connection.CreateBatch();
        foreach (var (sql, q) in new[] { ("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", new float[] { 3, 3 }), ("SELECT id FROM t ORDER BY v <-> @q LIMIT 2", new float[] { 3, 3 }),
            ("INSERT INTO t VALUES (3, @q)", new float[] { 9, 9 }), ("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", new float[] { 8, 8 }), ("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", new float[] { 0, 1 }) })
        {
            var command = new VecStoreBatchCommand(sql);
            command.Parameters.AddWithValue("q", q);
            batch.BatchCommands.Add(command);
        }
        var results = new List<string>();
        using (var reader = batch.ExecuteReader())
        {
            do
            {
                var ids = new List<long>();
                while (reader.Read())
                    ids.Add(reader.GetInt64(0));
                results.Add(string.Join(",", ids));
            }
            while (reader.NextResult());
        }
        Assert.Equal(["2", "2,1", "3", "1"], results);
    }

    private static float[] RandomVector(Random random)
    {
        var v = new float[24];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }
}
