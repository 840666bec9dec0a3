using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// The planner left to itself, with every index type at its default parameters, against brute
/// force: random filters of random selectivity from 0.1% to 100%, independent of the vectors and
/// correlated with them. Every query returns min(k, passing rows) rows that pass; recall@10 is
/// at least 0.95 for each kind of filter; without an ANN index the answers are exact.
/// </summary>
public sealed class PlannerRecallTests
{
    private const int Dimensions = 16;
    private const int Rows = 4000;
    private const int Clusters = 40;
    private const int K = 10;

    private sealed record Row(long Id, long Tag, long Grp, float[] V);

    public static TheoryData<string> Indexes() =>
    [
        "",
        "CREATE INDEX t_v ON t USING HNSW (v)",
        "CREATE INDEX t_v ON t USING IVF (v)",
        "CREATE INDEX t_v ON t USING IVFPQ (v)",
    ];

    /// <summary>Clustered rows; tag is a random permutation (independent filters), grp numbers the rows cluster by cluster (correlated ones).</summary>
    private static List<Row> Fill(VecStoreConnection connection, Random random)
    {
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, tag INTEGER, grp INTEGER, v VECTOR({Dimensions}))");
        var centers = new float[Clusters][];
        for (int c = 0; c < Clusters; c++)
            centers[c] = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 10)).ToArray();
        var tags = Enumerable.Range(0, Rows).ToArray();
        random.Shuffle(tags);
        var clusterOf = Enumerable.Range(0, Rows).Select(_ => random.Next(Clusters)).ToArray();
        // Rows in cluster order, ties by tag: grp < p passes whole clusters first.
        var byCluster = Enumerable.Range(0, Rows).OrderBy(i => clusterOf[i]).ThenBy(i => tags[i]).ToArray();
        var grp = new long[Rows];
        for (int position = 0; position < Rows; position++)
            grp[byCluster[position]] = position;

        var rows = new List<Row>(Rows);
        using var transaction = connection.BeginTransaction();
        for (int i = 0; i < Rows; i++)
        {
            var v = centers[clusterOf[i]].Select(x => x + (float)(random.NextDouble() - 0.5) * 3).ToArray();
            var row = new Row(i + 1, tags[i], grp[i], v);
            rows.Add(row);
            connection.Execute("INSERT INTO t VALUES (@Id, @Tag, @Grp, @V)", row, transaction);
        }
        transaction.Commit();
        return rows;
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_planner_is_never_short_and_keeps_recall_at_every_selectivity(string indexSql)
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("r.vdb")}");
        connection.Open();
        var random = new Random(41 + indexSql.Length);
        var rows = Fill(connection, random);
        if (indexSql.Length > 0)
            connection.Execute(indexSql);
        connection.Execute("CREATE INDEX t_tag ON t (tag)");
        connection.Execute("ANALYZE t");

        foreach (string column in new[] { "tag", "grp" })
        {
            double hits = 0, wanted = 0;
            for (int i = 0; i < 40; i++)
            {
                // Shares from 0.1% to 100%, spread evenly on a log scale.
                long p = (long)Math.Round(Rows * Math.Pow(10, -3 + 3 * random.NextDouble()));
                var q = rows[random.Next(rows.Count)].V.Select(x => x + (float)(random.NextDouble() - 0.5)).ToArray();
                Func<Row, bool> passes = column == "tag" ? r => r.Tag < p : r => r.Grp < p;
                var truth = rows.Where(passes).Select(r => (D: DistanceKernels.Distance(Metric.L2, q, r.V), r.Id))
                    .OrderBy(x => x.D).ThenBy(x => x.Id).Take(K).ToList();
                var found = connection.Query<long>($"SELECT id FROM t WHERE {column} < @p ORDER BY v <-> @q LIMIT {K}", new { p, q }).ToList();

                Assert.True(truth.Count == found.Count, $"{column} < {p}: {found.Count} rows, {truth.Count} pass and k = {K}");
                Assert.All(found, id => Assert.True(passes(rows[(int)id - 1]), $"row {id} fails {column} < {p}"));
                if (indexSql.Length == 0)
                    Assert.Equal(truth.Select(t => t.Id), found);
                hits += found.Count(id => truth.Exists(t => t.Id == id));
                wanted += truth.Count;
            }
            Assert.True(hits / wanted >= 0.95, $"recall {hits / wanted:F3} with {(column == "tag" ? "independent" : "correlated")} filters, index: {indexSql}");
        }
    }
}
