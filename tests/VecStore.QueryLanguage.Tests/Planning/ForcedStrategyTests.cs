using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>Every search strategy, chosen or forced with WITH (strategy = '...'), against brute force over random filters of 1% to 100% selectivity, independent of the vectors and correlated with them.</summary>
public sealed class ForcedStrategyTests
{
    private const int Dimensions = 8;
    private const int Rows = 3000;
    private const int Clusters = 30;

    private sealed record Row(long Id, long Cat, long Grp, float[] V);

    private static List<Row> Fill(VecStoreConnection connection, string indexSql)
    {
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, grp INTEGER, v VECTOR({Dimensions}))");
        var random = new Random(17);
        var centers = new float[Clusters][];
        for (int c = 0; c < Clusters; c++)
            centers[c] = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 20)).ToArray();
        var rows = new List<Row>();
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= Rows; id++)
            {
                // grp is the vector's cluster: a filter on it is correlated with the vectors.
                int grp = random.Next(Clusters);
                var v = centers[grp].Select(x => x + (float)(random.NextDouble() - 0.5) * 2).ToArray();
                var row = new Row(id, id % 100, grp, v);
                rows.Add(row);
                connection.Execute("INSERT INTO t VALUES (@Id, @Cat, @Grp, @V)", row, transaction);
            }
            transaction.Commit();
        }
        connection.Execute(indexSql);
        return rows;
    }

    public static TheoryData<string, string> IndexesAndStrategies()
    {
        var data = new TheoryData<string, string>();
        foreach (var index in new[] { "CREATE INDEX t_v ON t USING HNSW (v)", "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 32, nprobe = 8)" })
            foreach (var strategy in new[] { "auto", "prefilter", "flat", "index", "postfilter" })
                data.Add(index, strategy);
        return data;
    }

    [Theory]
    [MemberData(nameof(IndexesAndStrategies))]
    public void Every_strategy_returns_min_k_matching_rows_with_recall_of_at_least_09(string indexSql, string strategy)
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("s.vdb")}");
        connection.Open();
        var rows = Fill(connection, indexSql);
        var random = new Random(strategy.Length * 31 + indexSql.Length);
        bool exact = strategy is "prefilter" or "flat";
        double hits = 0, wanted = 0;

        // (filter, parameter, predicate): 1%, 10%, 50% and 100% independent of the vectors, then one cluster (correlated).
        var filters = new (string Sql, Func<Row, long, bool> Passes, Func<long> Draw)[]
        {
            ("cat < @p", (r, p) => r.Cat < p, () => 1),
            ("cat < @p", (r, p) => r.Cat < p, () => 10),
            ("cat < @p", (r, p) => r.Cat < p, () => 50),
            ("cat < @p", (r, p) => r.Cat < p, () => 100),
            ("grp = @p", (r, p) => r.Grp == p, () => random.Next(Clusters)),
        };
        foreach (var (sql, passes, draw) in filters)
        {
            for (int i = 0; i < 6; i++)
            {
                long p = draw();
                // Queries near a random cluster, so correlated filters meet both near and far clusters.
                var q = rows[random.Next(rows.Count)].V.Select(x => x + (float)(random.NextDouble() - 0.5)).ToArray();
                const int k = 10;
                var truth = rows.Where(r => passes(r, p))
                    .Select(r => (D: DistanceKernels.Distance(Metric.L2, q, r.V), r.Id))
                    .OrderBy(x => x.D).ThenBy(x => x.Id).Take(k).ToList();
                var found = connection.Query<(long Id, double D)>(
                    $"SELECT id, v <-> @q FROM t WHERE {sql} ORDER BY v <-> @q LIMIT {k} WITH (strategy = '{strategy}')", new { q, p }).ToList();

                Assert.Equal(truth.Count, found.Count);
                for (int j = 0; j < found.Count; j++)
                {
                    var row = rows[(int)found[j].Id - 1];
                    Assert.True(passes(row, p), $"row {row.Id} fails {sql} with {p}");
                    Assert.Equal(DistanceKernels.Distance(Metric.L2, q, row.V), (float)found[j].D);
                }
                if (exact)
                    Assert.Equal(truth.Select(t => t.Id), found.Select(f => f.Id));
                hits += found.Count(f => truth.Exists(t => t.Id == f.Id));
                wanted += truth.Count;
            }
        }
        Assert.True(hits / wanted >= 0.9, $"recall {hits / wanted:F3} with strategy {strategy}");
    }

    [Fact]
    public void Forced_strategies_take_the_path_they_name()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("p.vdb")}");
        connection.Open();
        Fill(connection, "CREATE INDEX t_v ON t USING HNSW (v)");
        var q = new float[Dimensions];
        string Ranking(string where, string strategy) => connection.Query<string>(
            $"EXPLAIN ANALYZE SELECT id FROM t WHERE {where} ORDER BY v <-> @q LIMIT 10 WITH (strategy = '{strategy}')", new { q })
            .Single(line => line.StartsWith("actual ranking: ", StringComparison.Ordinal));

        Assert.StartsWith("actual ranking: postfilter through index hnsw t_v: asked for 20 rows in 1 round(s)", Ranking("cat < 90", "postfilter"));

        // Post-filtering checks the WHERE clause on the proposed rows only: no list of the 2,700 passing rows is built.
        Assert.DoesNotContain(connection.Query<string>("EXPLAIN ANALYZE SELECT id FROM t WHERE cat < 90 ORDER BY v <-> @q LIMIT 10 WITH (strategy = 'postfilter')", new { q }),
            line => line.StartsWith("actual filter:", StringComparison.Ordinal));
        // A 1% filter: doubling rounds until ten of the rows the graph returns pass.
        Assert.Matches(@"^actual ranking: postfilter through index hnsw t_v: asked for \d+ rows in [2-9] round\(s\)", Ranking("cat = 3", "postfilter"));
        // Left to itself the planner ranks 30 rows exactly (the cost model's choice); forced, the graph walks.
        Assert.StartsWith("actual ranking: prefilter: the 30 rows that passed the filter, one by one", Ranking("cat = 3", "auto"));
        Assert.StartsWith("actual ranking: index hnsw t_v, skipping rows that failed the filter", Ranking("cat = 3", "index"));
        Assert.StartsWith("actual ranking: prefilter: the 30 rows that passed the filter, one by one", Ranking("cat = 3", "prefilter"));
        Assert.StartsWith("actual ranking: flat: a scan of every vector (3000 slots) skipping", Ranking("cat = 3", "flat"));
    }

    [Fact]
    public void Strategies_are_explained_and_wrong_ones_are_refused()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("e.vdb")}");
        connection.Open();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, grp INTEGER, v VECTOR({Dimensions}))");
        var q = new float[Dimensions];

        // No index: the exact strategies work, the index ones are refused with the reason.
        Assert.Contains("  why: strategy 'flat' (forced): an exact scan of every vector, skipping rows the filter rejects",
            connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 3 WITH (strategy = 'flat')", new { q }));
        var noIndex = Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM t WHERE cat = 1 ORDER BY v <-> @q LIMIT 3 WITH (strategy = 'postfilter')", new { q }).ToList());
        Assert.Equal(ErrorCode.UnsupportedOperation, noIndex.Code);
        Assert.Contains("none serves this query", noIndex.Message);

        var unknown = Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 3 WITH (strategy = 'fastest')", new { q }).ToList());
        Assert.Contains("strategy is one of 'auto', 'prefilter', 'flat', 'index' and 'postfilter'", unknown.Message);
        Assert.NotNull(unknown.Location);
        Assert.Contains("^", unknown.Location!.Excerpt());

        var scalar = Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM t ORDER BY id LIMIT 3 WITH (strategy = 'flat')").ToList());
        Assert.Contains("no ORDER BY distance", scalar.Message);
    }
}
