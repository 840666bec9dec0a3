using System.Globalization;
using VecStore.Repl.Output;

namespace VecStore.Repl.Bench;

/// <summary>Prints a benchmark's results and comparisons as tables: drawn with Spectre.Console on a terminal, plain aligned text otherwise.</summary>
internal sealed class BenchReport(StandardStreams streams)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What was measured: the dataset, the table, the build and the open time.</summary>
    public void PrintSetting(BenchOptions options, BenchDataset dataset, BenchDatabase database, double openSeconds)
    {
        var output = streams.Output;
        output.WriteLine(string.Create(Invariant,
            $"vecstore bench: {options.Index} on {dataset.Name} (n={dataset.Base.Rows:N0}, d={dataset.Base.Dimensions}, metric {BenchNames.ToSql(dataset.Metric)}, {BenchNames.ToName(options.Element)}), {dataset.Queries.Rows:N0} queries, k={options.K}"));
        output.WriteLine(string.Create(Invariant,
            $"build {database.BuildSeconds:F2} s{(database.IndexSeconds is { } index ? $" (index {index:F2} s, {database.IndexMb:F1} MiB)" : "")}{(database.Reused ? " (earlier run, database reused)" : "")}, vector and index files {database.StoredMb:F1} MiB (all database files {database.FilesMb:F1} MiB), open to first answer {openSeconds * 1e3:F1} ms"));
        output.WriteLine();
    }

    /// <summary>One row per measured point.</summary>
    public void PrintResults(IReadOnlyList<BenchResult> results)
    {
        var rows = new List<string[]>();
        foreach (var result in results)
        {
            var point = result.Point;
            rows.Add([
                point.Mode,
                point.Threads.ToString(Invariant),
                point.SearchParameters.Count == 0 ? "-" : string.Join(", ", point.SearchParameters.Select(p => p.Name + "=" + p.Value)),
                point.Queries.ToString(Invariant),
                point.Recall.ToString("F4", Invariant),
                FormatQps(point.Qps),
                point.MeanLatencyMs is { } mean ? mean.ToString("F3", Invariant) : "-",
                point.P99LatencyMs is { } p99 ? p99.ToString("F3", Invariant) : "-",
            ]);
        }
        Write(ResultTable.FromCells(
            ["mode", "threads", "search params", "queries", "recall@10", "QPS", "mean ms", "p99 ms"],
            [false, true, false, true, true, true, true, true], rows));
        streams.Output.WriteLine();
    }

    /// <summary>The ratio table of <c>--compare</c>.</summary>
    public void PrintComparison(string path, string dataset, List<QpsComparison.Row> rows, SortedSet<string> datasetsInFile)
    {
        var output = streams.Output;
        if (!datasetsInFile.Contains(dataset))
        {
            output.WriteLine($"{path} has no results for {dataset} (it has: {(datasetsInFile.Count == 0 ? "nothing" : string.Join(", ", datasetsInFile))}).");
            output.WriteLine();
            return;
        }
        if (rows.Count == 0)
        {
            output.WriteLine($"{path} has no {dataset} results of the same mode, threads and index family to compare with.");
            output.WriteLine();
            return;
        }

        output.WriteLine($"VecStore QPS / reference QPS on {dataset}, best point at recall@10 >= threshold (from {path}):");
        var cells = new List<string[]>();
        foreach (var row in rows)
        {
            var line = new List<string> { row.Mode, row.Threads.ToString(Invariant), row.Family, row.Reference };
            for (int i = 0; i < QpsComparison.Thresholds.Length; i++)
                line.Add(row.Ratio(i) is { } ratio
                    ? string.Create(Invariant, $"{ratio:F2}x ({FormatQps(row.Ours[i]!.Value)} / {FormatQps(row.Theirs[i]!.Value)})")
                    : row.Ours[i] is null ? "- (vecstore below)" : "- (reference below)");
            cells.Add([.. line]);
        }
        var headers = new List<string> { "mode", "threads", "family", "reference" };
        headers.AddRange(QpsComparison.Thresholds.Select(t => string.Create(Invariant, $"R>={t:F2}")));
        Write(ResultTable.FromCells([.. headers], [false, true, false, false, .. QpsComparison.Thresholds.Select(_ => false)], cells));
        output.WriteLine();
    }

    /// <summary>QPS as summarize.py prints it: whole numbers from 100 up, one decimal below.</summary>
    public static string FormatQps(double qps) => qps >= 100 ? qps.ToString("F0", Invariant) : qps.ToString("F1", Invariant);

    private void Write(ResultTable table)
    {
        if (streams.OutputIsTerminal)
            TerminalTableRenderer.Write(table, streams.Terminal);
        else
            PlainTableRenderer.Write(table, streams.Output);
    }
}
