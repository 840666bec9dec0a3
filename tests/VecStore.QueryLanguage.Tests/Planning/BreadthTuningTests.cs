using System.Text.RegularExpressions;
using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>CREATE INDEX without a search breadth tunes one (ef_search for HNSW, nprobe for IVF) that reaches the target recall; a breadth given in WITH is kept as given.</summary>
public sealed class BreadthTuningTests
{
    private const int Dimensions = 24;

    private static List<float[]> Fill(VecStoreConnection connection, int rows, Random random)
    {
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
        // Points around many centres in 24 dimensions: hard enough that a narrow search misses neighbours.
        var centers = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var vectors = new List<float[]>(rows);
        using var transaction = connection.BeginTransaction();
        for (int id = 0; id < rows; id++)
        {
            var c = centers[random.Next(centers.Length)];
            var v = c.Select(x => x + (float)(random.NextDouble() - 0.5) * 0.6f).ToArray();
            vectors.Add(v);
            connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v }, transaction);
        }
        transaction.Commit();
        return vectors;
    }

    private static string OptionsOf(VecStoreConnection connection) => connection.GetIndexes("t").Single().Options;

    private static string StateOf(VecStoreConnection connection) => connection.GetIndexes("t").Single().State;

    [Theory]
    [InlineData("HNSW", "ef_search")]
    [InlineData("IVF", "nprobe")]
    public void An_index_without_a_breadth_is_tuned_to_the_target_recall_on_new_queries(string method, string breadthName)
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("b.vdb")}");
        connection.Open();
        var random = new Random(method.Length);
        var vectors = Fill(connection, 6000, random);
        connection.Execute($"CREATE INDEX t_v ON t USING {method} (v)");

        var tuned = Regex.Match(StateOf(connection), $@"{breadthName} (\d+) by default \(tuned on held-out vectors\)");
        Assert.True(tuned.Success, StateOf(connection));
        Assert.DoesNotContain("tuned", OptionsOf(connection));
        string explain = string.Join("\n", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q = vectors[0] }));
        Assert.Contains($"{breadthName} = {tuned.Groups[1].Value} (tuned at CREATE INDEX to find 97% of the nearest stored vectors)", explain);

        // Queries the tuning never saw, perturbed from stored vectors: recall@10 at the default is at least 0.95.
        double hits = 0;
        const int queries = 100;
        for (int i = 0; i < queries; i++)
        {
            var q = vectors[random.Next(vectors.Count)].Select(x => x + (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
            var truth = Enumerable.Range(0, vectors.Count).OrderBy(id => DistanceKernels.Distance(Metric.L2, q, vectors[id])).Take(10).Select(id => (long)id).ToHashSet();
            hits += connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q }).Count(truth.Contains);
        }
        Assert.True(hits / (queries * 10) >= 0.95, $"recall {hits / (queries * 10):F3} at the tuned {breadthName} {tuned.Groups[1].Value}");
    }

    [Fact]
    public void A_breadth_given_in_with_is_kept_and_a_small_table_keeps_the_fixed_default()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("g.vdb")}");
        connection.Open();
        Fill(connection, 1500, new Random(3));
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 40)");
        Assert.Equal("ef_search = 40", OptionsOf(connection));
        Assert.Contains("  index: m = 16, ef_construction = 200, ef_search = 40 (the index's default)",
            connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q = new float[Dimensions] }));

        connection.Execute("DROP INDEX t_v");
        connection.Execute("DELETE FROM t WHERE id >= 500");
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        Assert.Equal("", StateOf(connection));
    }
}
