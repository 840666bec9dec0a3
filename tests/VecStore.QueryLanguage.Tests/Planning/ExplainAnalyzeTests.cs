using System.Text.RegularExpressions;
using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>EXPLAIN ANALYZE runs the SELECT and reports the rows it returned, the rows that passed the filter, and how the vectors were ranked and why.</summary>
public sealed class ExplainAnalyzeTests
{
    private static VecStoreConnection Open(TempDirectory dir, int rows)
    {
        var connection = new VecStoreConnection($"Data Source={dir.File("a.vdb")}");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, v VECTOR(4))");
        var random = new Random(3);
        using var transaction = connection.BeginTransaction();
        for (int id = 1; id <= rows; id++)
        {
            var v = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
            connection.Execute("INSERT INTO t VALUES (@id, @cat, @v)", new { id, cat = id % 100, v }, transaction);
        }
        transaction.Commit();
        return connection;
    }

    /// <summary>The plan lines with the measured milliseconds replaced, so the shape can be compared.</summary>
    private static List<string> Shape(VecStoreConnection connection, string sql) =>
        connection.Query<string>(sql, new { q = new float[] { 0.5f, 0.5f, 0.5f, 0.5f } })
            .Select(line => Regex.Replace(line, @"\d+\.\d{3} ms", "# ms")).ToList();

    [Fact]
    public void An_unfiltered_exact_search_reports_a_full_scan_and_its_rows()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 500);
        var lines = Shape(connection, "EXPLAIN ANALYZE SELECT id FROM t ORDER BY v <-> @q LIMIT 7");
        Assert.Equal(Shape(connection, "EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 7"), lines[..^2]);
        Assert.Equal("actual ranking: flat: a scan of every vector (500 slots)", lines[^2]);
        Assert.Equal("actual: 7 rows in # ms", lines[^1]);
    }

    [Fact]
    public void A_selective_filter_on_an_hnsw_table_is_ranked_exactly_and_says_why()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 3000);
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        var lines = Shape(connection, "EXPLAIN ANALYZE SELECT id FROM t WHERE cat = 7 ORDER BY v <-> @q LIMIT 5");
        Assert.Contains("actual filter: 30 rows passed the WHERE clause in # ms", lines);
        Assert.Contains(lines, l => l.StartsWith("estimated cost: prefilter ", StringComparison.Ordinal) && l.EndsWith("; chosen: prefilter", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  why: the filter passes about ", StringComparison.Ordinal) && l.Contains("each is ranked exactly, the cheapest estimate", StringComparison.Ordinal));
        Assert.Contains("actual ranking: prefilter: the 30 rows that passed the filter, one by one (chosen by cost)", lines);
        Assert.Equal("actual: 5 rows in # ms", lines[^1]);

        // Without a filter the graph answers.
        Assert.Contains("actual ranking: index hnsw t_v: no filter", Shape(connection, "EXPLAIN ANALYZE SELECT id FROM t ORDER BY v <-> @q LIMIT 5"));

        // A wide filter is cheapest to check on the rows the graph proposes: no list of the 2,970 passing rows is built.
        var wide = Shape(connection, "EXPLAIN ANALYZE SELECT id FROM t WHERE cat <> 7 ORDER BY v <-> @q LIMIT 5");
        Assert.Contains(wide, l => Regex.IsMatch(l, @"^actual ranking: postfilter through index hnsw t_v: asked for \d+ rows in 1 round\(s\), \d+ of \d+ passed the filter$"));
        Assert.Contains(wide, l => l.EndsWith("; chosen: postfilter", StringComparison.Ordinal));
        Assert.DoesNotContain(wide, l => l.StartsWith("actual filter:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scalar_query_counts_the_rows_it_streamed()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 250);
        var lines = Shape(connection, "EXPLAIN ANALYZE SELECT id, v FROM t WHERE cat < 10 ORDER BY id");
        long expected = connection.QuerySingle<long>("SELECT count(*) FROM t WHERE cat < 10");
        Assert.Equal(29, expected);
        Assert.Equal($"actual: {expected} rows in # ms", lines[^1]);
    }

    [Fact]
    public void Explain_analyze_of_a_write_is_refused_with_the_reason()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 10);
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("EXPLAIN ANALYZE DELETE FROM t"));
        Assert.Equal(ErrorCode.UnsupportedOperation, error.Code);
        Assert.Contains("EXPLAIN ANALYZE runs and measures a SELECT", error.Message);
        Assert.Equal(10L, connection.QuerySingle<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Analyze_lets_explain_estimate_how_many_rows_a_filter_passes()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 5000);
        const string explain = "EXPLAIN SELECT id FROM t WHERE cat < 10 ORDER BY v <-> @q LIMIT 5";
        string EstimateLine() => Shape(connection, explain).Single(l => l.StartsWith("estimated filter:", StringComparison.Ordinal));
        long Estimated(string line) => long.Parse(Regex.Match(line, @"^estimated filter: about (\d+) of").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Without ANALYZE the planner draws its own sample of the row ids.
        string unanalyzed = EstimateLine();
        Assert.Matches(@"^estimated filter: about \d+ of \d+ rows pass \(\d+ of \d+ sampled rows, sampled while planning; ANALYZE keeps a sample\)$", unanalyzed);
        Assert.InRange(Estimated(unanalyzed), 300, 700);

        connection.Execute("ANALYZE t");
        string line = EstimateLine();
        var match = Regex.Match(line, @"^estimated filter: about (\d+) of 5000 rows pass \((\d+) of (\d+) sampled rows, from ANALYZE\)$");
        Assert.True(match.Success, line);
        // 10% of the rows pass; the sample is read until 16 passing rows were seen, which puts it within a few points.
        Assert.InRange(Estimated(line), 300, 700);
        Assert.True(int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 16, line);

        // Rows deleted after ANALYZE drop out of the sample, and the table is estimated to have shrunk as much.
        connection.Execute("DELETE FROM t WHERE id <= 2500");
        Assert.InRange(Estimated(EstimateLine()), 150, 350);

        // ANALYZE without a table covers every table; an unknown table is an error with its code.
        connection.Execute("ANALYZE");
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("ANALYZE nope"));
        Assert.Equal(ErrorCode.UnknownTable, error.Code);
    }

    [Fact]
    public void A_remembered_estimate_is_forgotten_when_the_session_writes()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir, 2000);
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        const string explain = "EXPLAIN SELECT id FROM t WHERE cat = 1000 ORDER BY v <-> @q LIMIT 5";
        string Estimate() => Shape(connection, explain).Single(l => l.StartsWith("estimated cost:", StringComparison.Ordinal));

        // No row has cat = 1000: the planner ranks the (no) passing rows exactly, and remembers that.
        Assert.EndsWith("chosen: prefilter", Estimate());
        Assert.EndsWith("chosen: prefilter", Estimate());

        // After a write that makes every row pass, the estimate is made again and the plan follows it.
        connection.Execute("UPDATE t SET cat = 1000");
        Assert.EndsWith("chosen: postfilter", Estimate());
        Assert.Equal(5, connection.Query<long>("SELECT id FROM t WHERE cat = 1000 ORDER BY v <-> @q LIMIT 5", new { q = new float[] { 0.5f, 0.5f, 0.5f, 0.5f } }).Count());
    }
}
