using System.Text;
using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// The planner's choices as EXPLAIN prints them, kept in a golden file: for filters passing from
/// 0.05% to 100% of the rows, on an HNSW column and an IVF column, with and without SQLite
/// indexes on the filter's columns, before and after ANALYZE.
/// </summary>
/// <remarks>
/// Everything EXPLAIN prints here is deterministic: the rows come from a seeded generator, the
/// indexes have explicit search breadths (a tuned one depends on the graph, which depends on
/// the build's threads), ANALYZE's and the planner's samples are seeded, and the costs are
/// computed from counts. A change in the cost model shows up as a reviewed change of the file.
/// </remarks>
public sealed class PlannerChoiceGoldenTests
{
    private const int Rows = 20_000;

    private static string GoldenFile([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", "planner-choices.expected.txt");

    [Fact]
    public void Explain_shows_the_estimate_the_costs_and_the_choice_at_every_selectivity()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("g.vdb")}");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, tag INTEGER, price INTEGER, body VECTOR(16), title VECTOR(8) METRIC cosine)");
        var random = new Random(5);
        using (var transaction = connection.BeginTransaction())
        {
            for (int id = 0; id < Rows; id++)
            {
                var body = new float[16];
                var title = new float[8];
                for (int i = 0; i < body.Length; i++)
                    body[i] = (float)random.NextDouble();
                for (int i = 0; i < title.Length; i++)
                    title[i] = (float)random.NextDouble() - 0.5f;
                connection.Execute("INSERT INTO docs VALUES (@id, @tag, @price, @body, @title)",
                    new { id, tag = (id * 7919) % Rows, price = random.Next(1000), body, title }, transaction);
            }
            transaction.Commit();
        }
        connection.Execute("CREATE INDEX docs_body ON docs USING HNSW (body) WITH (ef_search = 64)");
        connection.Execute("CREATE INDEX docs_title ON docs USING IVF (title) WITH (lists = 64, nprobe = 4)");

        var output = new StringBuilder();
        void Explain(string heading, string sql)
        {
            output.Append("-- ").AppendLine(heading).AppendLine(sql);
            foreach (var line in connection.Query<string>("EXPLAIN " + sql, new { q16 = new float[16], q8 = Enumerable.Repeat(0.1f, 8).ToArray() }))
                output.AppendLine(line);
            output.AppendLine();
        }

        // No SQLite index on tag yet and no ANALYZE: the planner samples the row ids itself.
        foreach (int passing in new[] { 10, 200, 2000, 10_000, 20_000 })
            Explain($"tag passes {passing} rows, no scalar index, no ANALYZE", $"SELECT id FROM docs WHERE tag < {passing} ORDER BY body <-> @q16 LIMIT 10");

        connection.Execute("CREATE INDEX docs_tag ON docs (tag)");
        connection.Execute("ANALYZE docs");
        foreach (int passing in new[] { 10, 200, 2000, 10_000, 20_000 })
            Explain($"tag passes {passing} rows, with an index on tag and ANALYZE", $"SELECT id FROM docs WHERE tag < {passing} ORDER BY body <-> @q16 LIMIT 10");
        foreach (int passing in new[] { 200, 5000, 20_000 })
            Explain($"tag passes {passing} rows, the IVF column", $"SELECT id FROM docs WHERE tag < {passing} ORDER BY title <=> @q8 LIMIT 10");
        Explain("a filter on an unindexed column", "SELECT id FROM docs WHERE price < 500 ORDER BY body <-> @q16 LIMIT 10");
        Explain("a filter no row passes", "SELECT id FROM docs WHERE price < 0 ORDER BY body <-> @q16 LIMIT 10");
        Explain("forced: the planner is not consulted", "SELECT id FROM docs WHERE tag < 10 ORDER BY body <-> @q16 LIMIT 10 WITH (strategy = 'postfilter')");

        Golden.Verify(GoldenFile(), output.ToString());
    }
}
