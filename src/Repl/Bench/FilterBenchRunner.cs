using System.Diagnostics;
using System.Globalization;
using VecStore.Repl.Output;

namespace VecStore.Repl.Bench;

/// <summary>
/// Filtered mode (<c>--filter-selectivity</c>): for each filter kind and share of passing rows, times
/// the planner's own choice and each strategy forced by hand, and reports recall@10 against the
/// exact neighbours among the passing rows, the rows returned and QPS.
/// </summary>
/// <remarks>
/// The table gains the columns of <see cref="FilterColumns"/> with SQLite indexes on both and
/// ANALYZE statistics. The query is <c>WHERE tag &lt; @t</c> (independent) or <c>WHERE grp &lt; @t</c>
/// (correlated) with <c>@t</c> = round(s·n), so the filter passes exactly that many rows. Each
/// point warms up on 5 queries, then times the first <c>--single-max-q</c> queries, stopping
/// after about 2 s once 50 ran, like single mode. What the planner chose is read from EXPLAIN
/// ANALYZE of the first query.
/// </remarks>
internal sealed class FilterBenchRunner(StandardStreams streams, Action<string> log)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Recall a strategy must reach to count as an answer when the planner is compared with the fastest forced strategy.</summary>
    public const double RecallFloor = 0.95;

    private const int WarmUpQueries = 5;

    /// <summary>Measures every point and prints the tables; returns the exit code.</summary>
    public int Measure(BenchOptions options, BenchDataset dataset)
    {
        string date = DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss", Invariant);
        long started = Stopwatch.GetTimestamp();
        var filters = FilterColumns.Compute(dataset.Base);
        log(string.Create(Invariant, $"filter columns computed in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

        using var database = BenchDatabase.Prepare(options, dataset, streams, log, filters);
        int queryCount = Math.Min(options.SingleMaxQueries, dataset.Queries.Rows);
        var queryMatrix = dataset.Queries.Take(queryCount);
        var queries = ColumnValues.ForRows(options.Element, queryMatrix, queryCount);
        string[] strategies = options.Index == "flat" ? ["auto", "prefilter", "flat"] : ["auto", "prefilter", "flat", "index", "postfilter"];

        var points = new List<FilterPoint>();
        Unfiltered unfiltered;
        using (var connection = BenchDatabase.Open(database.Path, options.EffectiveThreads))
        {
            WarmUpJit(connection, options, queries);
            unfiltered = MeasureUnfiltered(connection, options, dataset, queryMatrix, queries);
            foreach (var kind in options.FilterKinds)
            {
                foreach (double share in options.FilterSelectivities!)
                {
                    int threshold = (int)Math.Clamp(Math.Round(share * dataset.Base.Rows), 1, dataset.Base.Rows);
                    log(string.Create(Invariant, $"{Name(kind)} filter passing {threshold:N0} rows: exact neighbours of {queryCount} queries"));
                    var truth = ExactNeighbors.Compute(dataset.Base, queryMatrix, dataset.Metric, Math.Min(RecallAt10.K, threshold),
                        admitted: filters.Passing(kind, threshold));
                    foreach (var strategy in strategies)
                    {
                        var point = MeasurePoint(connection, options, kind, share, threshold, strategy, queries, truth);
                        points.Add(point);
                        if (options.JsonPath is { } json)
                            FilterJsonLines.Append(json, point, options, dataset, date);
                    }
                }
            }
        }

        Print(options, dataset, database, points, unfiltered);
        return 0;
    }

    /// <summary>The same queries without a filter, in the same process: what each filtered point's latency is compared with.</summary>
    private readonly record struct Unfiltered(double Qps, double MeanLatencyMs, double Recall);

    private Unfiltered MeasureUnfiltered(VecStoreConnection connection, BenchOptions options, BenchDataset dataset, VectorMatrix queryMatrix, object[] queries)
    {
        var truth = ExactNeighbors.Compute(dataset.Base, queryMatrix, dataset.Metric, Math.Min(RecallAt10.K, dataset.Base.Rows));
        log("measuring the unfiltered search");
        using var command = new VecStoreCommand(SearchStatement.Search(options.K, []), connection);
        var q = command.Parameters.AddWithValue("q", queries[0]);
        command.Prepare();
        var (latencies, found, _, _) = Time(command, q, options, queries);
        double seconds = latencies.Sum();
        return new Unfiltered(latencies.Count / seconds, seconds * 1e3 / latencies.Count, RecallAt10.Compute(found, truth));
    }

    /// <summary>Runs the command once per query after a warm-up, stopping after about <c>--single-max-seconds</c> once enough ran: each call's time and the ids it returned.</summary>
    private static (List<double> Latencies, List<long[]> Found, long RowSum, int MinRows) Time(VecStoreCommand command, VecStoreParameter q, BenchOptions options, object[] queries)
    {
        for (int i = 0; i < Math.Min(WarmUpQueries, queries.Length); i++)
        {
            q.Value = queries[i];
            SingleQueryRun.Search(command, options.K);
        }

        var latencies = new List<double>(queries.Length);
        var found = new List<long[]>(queries.Length);
        long start = Stopwatch.GetTimestamp();
        long rowSum = 0;
        int minRows = int.MaxValue;
        for (int i = 0; i < queries.Length; i++)
        {
            q.Value = queries[i];
            long before = Stopwatch.GetTimestamp();
            var ids = SingleQueryRun.Search(command, options.K);
            latencies.Add(Stopwatch.GetElapsedTime(before).TotalSeconds);
            found.Add(ids);
            rowSum += ids.Length;
            minRows = Math.Min(minRows, ids.Length);
            if (Stopwatch.GetElapsedTime(start).TotalSeconds > options.SingleMaxSeconds && i + 1 >= options.SingleMinQueries)
                break;
        }
        return (latencies, found, rowSum, minRows);
    }

    private static string Name(FilterKind kind) => kind == FilterKind.Independent ? "independent" : "correlated";

    /// <summary>The first searches of a process run unoptimised code: search for 1.5 s before timing anything.</summary>
    private static void WarmUpJit(VecStoreConnection connection, BenchOptions options, object[] queries)
    {
        using var command = new VecStoreCommand(SearchStatement.FilteredSearch(options.K, FilterKind.Independent, "auto"), connection);
        var q = command.Parameters.AddWithValue("q", queries[0]);
        command.Parameters.AddWithValue("t", (long)int.MaxValue);
        long until = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 1.5);
        for (int i = 0; Stopwatch.GetTimestamp() < until; i++)
        {
            q.Value = queries[i % queries.Length];
            SingleQueryRun.Search(command, options.K);
        }
    }

    private FilterPoint MeasurePoint(VecStoreConnection connection, BenchOptions options, FilterKind kind, double share, int threshold, string strategy,
        object[] queries, NeighborLists truth)
    {
        string sql = SearchStatement.FilteredSearch(options.K, kind, strategy);
        string ranking = PlannerRanking.Of(connection, sql, ("q", queries[0]), ("t", (long)threshold));
        log($"measuring {Name(kind)} {share.ToString(Invariant)}, strategy {strategy}: {ranking}");
        using var command = new VecStoreCommand(sql, connection);
        var q = command.Parameters.AddWithValue("q", queries[0]);
        command.Parameters.AddWithValue("t", (long)threshold);
        command.Prepare();
        var (latencies, found, rowSum, minRows) = Time(command, q, options, queries);
        double seconds = latencies.Sum();
        return new FilterPoint(kind, share, threshold, strategy, latencies.Count, latencies.Count / seconds, seconds * 1e3 / latencies.Count,
            RecallAt10.Compute(found, truth), (double)rowSum / latencies.Count, minRows, Math.Min(options.K, threshold), ranking);
    }

    private void Print(BenchOptions options, BenchDataset dataset, BenchDatabase database, List<FilterPoint> points, Unfiltered unfiltered)
    {
        var output = streams.Output;
        output.WriteLine(string.Create(Invariant,
            $"vecstore bench (filtered): {options.Index}{(options.Parameters.Count > 0 ? " " + string.Join(",", options.Parameters.Select(p => p.ToSql())) : "")} on {dataset.Name} (n={dataset.Base.Rows:N0}, d={dataset.Base.Dimensions}, metric {BenchNames.ToSql(dataset.Metric)}), k={options.K}, default search parameters"));
        output.WriteLine(string.Create(Invariant,
            $"build {database.BuildSeconds:F2} s{(database.Reused ? " (earlier run, database reused)" : "")}; recall@10 against the exact neighbours among the passing rows"));
        output.WriteLine();

        var cells = new List<string[]>();
        foreach (var p in points)
            cells.Add([
                Name(p.Kind), p.Selectivity.ToString("0.####", Invariant), p.PassingRows.ToString("N0", Invariant), p.Strategy,
                p.Queries.ToString(Invariant), p.Recall.ToString("F4", Invariant),
                string.Create(Invariant, $"{p.MeanRows:F2} (min {p.MinRows} of {p.ExpectedRows})"),
                BenchReport.FormatQps(p.Qps), p.MeanLatencyMs.ToString("F3", Invariant), p.Strategy == "auto" ? p.Ranking : "",
            ]);
        Write(ResultTable.FromCells(["filter", "share", "passing", "plan", "queries", "recall@10", "rows", "QPS", "mean ms", "the planner ran"],
            [false, true, true, false, true, true, false, true, true, false], cells));
        output.WriteLine();

        output.WriteLine(string.Create(Invariant,
            $"Unfiltered: {BenchReport.FormatQps(unfiltered.Qps)} QPS, {unfiltered.MeanLatencyMs:F3} ms a query, recall@10 {unfiltered.Recall:F4}"));
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"The planner against the fastest forced strategy with recall@10 >= {RecallFloor:F2}, and its latency over the unfiltered search's:"));
        var summary = new List<string[]>();
        foreach (var auto in points)
        {
            if (auto.Strategy != "auto")
                continue;
            FilterPoint? best = null;
            foreach (var p in points)
                if (p.Strategy != "auto" && p.Kind == auto.Kind && p.Selectivity == auto.Selectivity && p.Recall >= RecallFloor && p.MinRows == p.ExpectedRows
                    && (best is null || p.Qps > best.Qps))
                    best = p;
            summary.Add([
                Name(auto.Kind), auto.Selectivity.ToString("0.####", Invariant), BenchReport.FormatQps(auto.Qps), auto.Recall.ToString("F4", Invariant),
                best is null ? "-" : $"{best.Strategy} {BenchReport.FormatQps(best.Qps)}",
                best is null ? "-" : (best.Qps / auto.Qps).ToString("F2", Invariant) + "x",
                (auto.MeanLatencyMs / unfiltered.MeanLatencyMs).ToString("F2", Invariant) + "x",
            ]);
        }
        Write(ResultTable.FromCells(["filter", "share", "auto QPS", "auto recall", "fastest forced", "fastest / auto", "auto / unfiltered"],
            [false, true, true, true, false, true, true], summary));
        output.WriteLine();
        if (options.JsonPath is { } path)
            output.WriteLine($"Results appended to {path}.");
    }

    private void Write(ResultTable table)
    {
        if (streams.OutputIsTerminal)
            TerminalTableRenderer.Write(table, streams.Terminal);
        else
            PlainTableRenderer.Write(table, streams.Output);
    }
}
