using System.Diagnostics;
using System.Globalization;
using VecStore.Repl.Output;

namespace VecStore.Repl.Bench;

/// <summary>
/// Joined mode (<c>--joined</c>): a nearest-neighbour search through a join against the same filter on
/// one table. The base vectors are the chunks (<c>bench</c>, with its index); a documents table of
/// n/20 rows holds the filter columns, and each chunk also carries its document's values
/// and title (denormalised), so both queries pass the same rows and return the same values:
/// <c>SELECT c.id, d.title FROM bench c JOIN docs d ON d.id = c.doc_id WHERE d.cat = @c ORDER BY distance(c.v, @q) LIMIT k</c>
/// against <c>SELECT id, title FROM bench WHERE cat = @c ORDER BY distance(v, @q) LIMIT k</c>.
/// </summary>
/// <remarks>
/// A chunk's document is its <see cref="FilterColumns.Tag"/> divided by 20 (a random permutation, so
/// documents are independent of the vectors and each has 20 chunks); <c>cat</c> is the document
/// number modulo 10 (a filter passing 10% of the rows) and <c>topic</c> modulo 100 (1%). SQLite
/// indexes every filter column and <c>doc_id</c>; ANALYZE runs on both tables. The two queries
/// alternate query by query, so both see the same load; each timing covers executing the command
/// and reading its rows.
/// </remarks>
internal sealed class JoinedBenchRunner(StandardStreams streams, Action<string> log)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Chunks per document.</summary>
    public const int ChunksPerDocument = 20;

    /// <summary>The filter columns: name, number of values (the filter passes one of them).</summary>
    private static readonly (string Column, int Values)[] Filters = [("cat", 10), ("topic", 100)];

    /// <summary>The value every query filters on.</summary>
    private const int Chosen = 3;

    private sealed record Point(string Filter, double Share, string Query, int Queries, double Recall, double Qps, double MeanMs, double P50Ms, string Ranking);

    public int Measure(BenchOptions options, BenchDataset dataset)
    {
        var filters = FilterColumns.Compute(dataset.Base);
        using var database = BenchDatabase.Prepare(options, dataset, streams, log, filters);
        int queryCount = Math.Min(options.SingleMaxQueries, dataset.Queries.Rows);
        var queryMatrix = dataset.Queries.Take(queryCount);
        var queries = ColumnValues.ForRows(options.Element, queryMatrix, queryCount);
        int n = dataset.Base.Rows;
        var points = new List<Point>();
        using (var connection = BenchDatabase.Open(database.Path, options.EffectiveThreads))
        {
            AddDocuments(connection, n);
            foreach (var (column, values) in Filters)
            {
                var admitted = new bool[n];
                int passing = 0;
                for (int i = 0; i < n; i++)
                    if (admitted[i] = filters.Tag[i] / ChunksPerDocument % values == Chosen)
                        passing++;
                log(string.Create(Invariant, $"{column} = {Chosen} passes {passing:N0} rows: exact neighbours of {queryCount} queries"));
                var truth = ExactNeighbors.Compute(dataset.Base, queryMatrix, dataset.Metric, Math.Min(RecallAt10.K, passing), admitted: admitted);
                string single = $"SELECT id, title FROM {SearchStatement.Table} WHERE {column} = @c ORDER BY distance(v, @q) LIMIT {options.K}";
                string joined = $"SELECT c.id, d.title FROM {SearchStatement.Table} c JOIN docs d ON d.id = c.doc_id WHERE d.{column} = @c ORDER BY distance(c.v, @q) LIMIT {options.K}";
                points.AddRange(MeasurePair(connection, options, column, (double)passing / n, single, joined, queries, truth));
            }
        }
        Print(options, dataset, database, points);
        return 0;
    }

    /// <summary>The documents table, and each chunk's document and its filter values.</summary>
    private void AddDocuments(VecStoreConnection connection, int n)
    {
        long started = Stopwatch.GetTimestamp();
        int documents = (n + ChunksPerDocument - 1) / ChunksPerDocument;
        Execute(connection, "DROP TABLE IF EXISTS docs");
        Execute(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, cat INTEGER NOT NULL, topic INTEGER NOT NULL)");
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = new VecStoreCommand("INSERT INTO docs VALUES (@id, @title, @cat, @topic)", connection);
            var id = insert.Parameters.AddWithValue("id", 0L);
            var title = insert.Parameters.AddWithValue("title", "");
            var cat = insert.Parameters.AddWithValue("cat", 0L);
            var topic = insert.Parameters.AddWithValue("topic", 0L);
            for (long d = 0; d < documents; d++)
            {
                id.Value = d;
                title.Value = "document " + d.ToString(Invariant);
                cat.Value = d % 10;
                topic.Value = d % 100;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        Execute(connection, "CREATE INDEX docs_cat ON docs (cat)");
        Execute(connection, "CREATE INDEX docs_topic ON docs (topic)");
        foreach (var column in new[] { "doc_id INTEGER", "title TEXT", "cat INTEGER", "topic INTEGER" })
            Execute(connection, $"ALTER TABLE {SearchStatement.Table} ADD COLUMN IF NOT EXISTS {column}");
        string doc = $"{SearchStatement.TagColumn} / {ChunksPerDocument}";
        Execute(connection, $"UPDATE {SearchStatement.Table} SET doc_id = {doc}, title = 'document ' || CAST({doc} AS TEXT), cat = {doc} % 10, topic = {doc} % 100");
        foreach (var column in new[] { "doc_id", "cat", "topic" })
            Execute(connection, $"CREATE INDEX IF NOT EXISTS {SearchStatement.Table}_{column} ON {SearchStatement.Table} ({column})");
        Execute(connection, "ANALYZE");
        log(string.Create(Invariant, $"{documents:N0} documents added, chunks linked to them in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }

    private static void Execute(VecStoreConnection connection, string sql)
    {
        using var command = new VecStoreCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Times the single-table and the joined query, alternating query by query.</summary>
    private List<Point> MeasurePair(VecStoreConnection connection, BenchOptions options, string filter, double share, string single, string joined, object[] queries, NeighborLists truth)
    {
        var sqls = new[] { single, joined };
        var commands = new VecStoreCommand[2];
        var parameters = new VecStoreParameter[2];
        var rankings = new string[2];
        for (int s = 0; s < 2; s++)
        {
            rankings[s] = PlannerRanking.Of(connection, sqls[s], ("q", queries[0]), ("c", (long)Chosen));
            log($"{filter}, {(s == 0 ? "single table" : "joined")}: {rankings[s]}");
            commands[s] = new VecStoreCommand(sqls[s], connection);
            parameters[s] = commands[s].Parameters.AddWithValue("q", queries[0]);
            commands[s].Parameters.AddWithValue("c", (long)Chosen);
            commands[s].Prepare();
        }
        try
        {
            // Warm up: JIT and caches, about a second.
            long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            for (int i = 0; Stopwatch.GetTimestamp() < until || i < 10; i++)
                for (int s = 0; s < 2; s++)
                {
                    parameters[s].Value = queries[i % queries.Length];
                    SingleQueryRun.Search(commands[s], options.K);
                }
            var latencies = new[] { new List<double>(), new List<double>() };
            var found = new[] { new List<long[]>(), new List<long[]>() };
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < queries.Length; i++)
            {
                for (int s = 0; s < 2; s++)
                {
                    parameters[s].Value = queries[i];
                    long before = Stopwatch.GetTimestamp();
                    found[s].Add(SingleQueryRun.Search(commands[s], options.K));
                    latencies[s].Add(Stopwatch.GetElapsedTime(before).TotalSeconds);
                }
                if (Stopwatch.GetElapsedTime(start).TotalSeconds > 2 * options.SingleMaxSeconds && i + 1 >= options.SingleMinQueries)
                    break;
            }
            var points = new List<Point>();
            for (int s = 0; s < 2; s++)
            {
                double seconds = latencies[s].Sum();
                points.Add(new Point(filter, share, s == 0 ? "single table" : "joined", latencies[s].Count, RecallAt10.Compute(found[s], truth),
                    latencies[s].Count / seconds, LatencySummary.MeanMs(latencies[s]), LatencySummary.PercentileMs(latencies[s], 50), rankings[s]));
            }
            return points;
        }
        finally
        {
            foreach (var command in commands)
                command.Dispose();
        }
    }

    private void Print(BenchOptions options, BenchDataset dataset, BenchDatabase database, List<Point> points)
    {
        var output = streams.Output;
        output.WriteLine(string.Create(Invariant,
            $"vecstore bench (joined): {options.Index}{(options.Parameters.Count > 0 ? " " + string.Join(",", options.Parameters.Select(p => p.ToSql())) : "")} on {dataset.Name} (n={dataset.Base.Rows:N0}, d={dataset.Base.Dimensions}, metric {BenchNames.ToSql(dataset.Metric)}), k={options.K}, {dataset.Base.Rows / ChunksPerDocument:N0} documents, default search parameters"));
        output.WriteLine(string.Create(Invariant,
            $"build {database.BuildSeconds:F2} s{(database.Reused ? " (earlier run, database reused)" : "")}; recall@10 against the exact neighbours among the passing rows; single and joined alternate query by query"));
        output.WriteLine();
        var cells = new List<string[]>();
        for (int i = 0; i + 1 < points.Count; i += 2)
        {
            var (single, joined) = (points[i], points[i + 1]);
            foreach (var p in new[] { single, joined })
                cells.Add([
                    $"{p.Filter} = {Chosen}", p.Share.ToString("0.####", Invariant), p.Query, p.Queries.ToString(Invariant), p.Recall.ToString("F4", Invariant),
                    BenchReport.FormatQps(p.Qps), p.MeanMs.ToString("F3", Invariant), p.P50Ms.ToString("F3", Invariant),
                    ReferenceEquals(p, joined) ? (joined.MeanMs / single.MeanMs).ToString("F2", Invariant) + "x" : "", p.Ranking,
                ]);
        }
        var table = ResultTable.FromCells(["filter", "share", "query", "queries", "recall@10", "QPS", "mean ms", "p50 ms", "joined / single", "ranking"],
            [false, true, false, true, true, true, true, true, true, false], cells);
        if (streams.OutputIsTerminal)
            TerminalTableRenderer.Write(table, streams.Terminal);
        else
            PlainTableRenderer.Write(table, streams.Output);
        output.WriteLine();
    }
}
