using System.Text.RegularExpressions;
using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// Issue 15, item 9: the default search breadth holds for queries that are not stored vectors.
/// Queries drawn afresh from the data's distribution (as an application's are: other texts, other
/// images) are harder for an index than its own vectors; tuned on stored vectors that stayed in the
/// index, HNSW's default breadth here was ef_search = 16, which found 0.926 of their neighbours
/// (tuned on held-out vectors: 32 and 0.985).
/// </summary>
public sealed class HeldOutBreadthTuningTests(ITestOutputHelper output)
{
    private const int Rows = 6000;
    private const int Queries = 200;

    [Theory]
    [InlineData("HNSW", 24)]
    [InlineData("IVF", 24)]
    public void Default_breadth_reaches_095_on_queries_that_are_not_stored_vectors(string method, int dimensions)
    {
        var random = new Random(2026);
        var centers = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        float[] Draw() => centers[random.Next(centers.Length)].Select(x => x + (float)((random.NextDouble() - 0.5) * Spread)).ToArray();

        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({dimensions}))");
        var vectors = new List<float[]>(Rows);
        using (var transaction = connection.BeginTransaction())
        {
            for (int id = 0; id < Rows; id++)
            {
                var v = Draw();
                vectors.Add(v);
                connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v }, transaction);
            }
            transaction.Commit();
        }
        connection.Execute($"CREATE INDEX t_v ON t USING {method} (v)");
        string tuned = Regex.Match(connection.GetIndexes("t").Single().State, @"(?:ef_search|nprobe) (\d+) by default").Groups[1].Value;

        double hits = 0;
        for (int i = 0; i < Queries; i++)
        {
            var q = Draw();
            var truth = Enumerable.Range(0, Rows).OrderBy(id => DistanceKernels.Distance(Metric.L2, q, vectors[id])).Take(10).Select(id => (long)id).ToHashSet();
            hits += connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 10", new { q }).Count(truth.Contains);
        }
        double recall = hits / (Queries * 10);
        output.WriteLine($"{method} d={dimensions}: tuned breadth {tuned}, recall@10 {recall:F3}");
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3} at the default breadth {tuned}");
    }

    private const double Spread = 0.9;
}
