using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using VecStore.Repl.Bench;

namespace VecStore.Repl.Cli;

/// <summary><c>vecstore bench</c>: measures search speed and recall through the engine on a dataset, by the protocol of BENCH.md.</summary>
/// <remarks>
/// <code>
/// vecstore bench --data DIR --dataset NAME --index flat [--param k=v ...] [--sweep name=v1,v2]
///                [--k 10] [--threads N] [--batch] [--single-max-q N] [--batch-max-q N]
///                [--json out.jsonl] [--compare ref.jsonl] [--plot curve.png] [--plot-size 1000x700]
///                [--db path] [--element float32|half|bit] [--metric l2|cosine|ip|l1|hamming|jaccard]
///                [--filter-selectivity 0.001,0.01,0.1,0.5,1] [--filter-kind independent|correlated|both] [--base-rows N] [--joined]
/// </code>
/// The options are read here into <see cref="BenchOptions"/>; <see cref="BenchRunner"/> does the work.
/// </remarks>
internal sealed class BenchCommand : Command
{
    private readonly StandardStreams _streams;

    private readonly Option<string?> _data = new("--data") { HelpName = "DIR", Description = "Folder holding prepared datasets (DIR/NAME/base.fvecs, query.fvecs, groundtruth.ivecs, meta.json); also where computed ground truth is cached" };

    private readonly Option<string> _dataset = new("--dataset")
    { HelpName = "NAME",
        Description = "A folder name under --data, fashion-mnist (Debian's IDX files when there is no folder), or synth:n=COUNT,d=DIM[,metric=l2|cosine,seed=N,nq=QUERIES,clusters=N]",
        Required = true,
    };

    private readonly Option<string> _index = new("--index") { Description = "Index method: flat (exact scan), hnsw, ivf, ivfpq", DefaultValueFactory = _ => "flat" };

    private readonly Option<string[]> _param = new("--param") { HelpName = "NAME=VALUE", Description = "Index build parameter NAME=VALUE, for CREATE INDEX ... WITH (...); repeatable", Arity = ArgumentArity.ZeroOrMore };

    private readonly Option<string?> _sweep = new("--sweep") { HelpName = "NAME=V1,V2,...", Description = "Search parameter to sweep, NAME=V1,V2,...: one measured point per value (SELECT ... WITH (NAME = V))" };

    private readonly Option<int> _k = new("--k") { HelpName = "K", Description = "Rows each search returns (LIMIT); recall@10 reads the first 10", DefaultValueFactory = _ => 10 };

    private readonly Option<int?> _threads = new("--threads") { HelpName = "N", Description = "Threads one search may use (default: 1 in single mode, every core with --batch)" };

    private readonly Option<bool> _batch = new("--batch") { Description = "Batch mode: all queries at once through one VecStoreBatch (default: single queries, one at a time)" };

    private readonly Option<int> _singleMaxQ = new("--single-max-q") { HelpName = "N", Description = "Queries timed in single mode, at most (fewer after ~2 s, but at least 50)", DefaultValueFactory = _ => 1000 };

    private readonly Option<int?> _batchMaxQ = new("--batch-max-q") { HelpName = "N", Description = "Queries in a batch, at most (default: every query)" };

    private readonly Option<string?> _json = new("--json") { HelpName = "FILE", Description = "Append the results to this file as JSON lines (one measured point a line, the fields --compare reads)" };

    private readonly Option<string?> _compare = new("--compare") { HelpName = "FILE", Description = "Print the QPS ratio to each reference in this JSON-lines file (an earlier --json, or a reference library's results in the same fields) at recall@10 >= 0.90, 0.95, 0.99" };

    private readonly Option<string?> _plot = new("--plot") { HelpName = "FILE.png", Description = "Draw recall@10 against QPS (log scale), with the --compare references, into this PNG" };

    private readonly Option<string> _plotSize = new("--plot-size") { HelpName = "WIDTHxHEIGHT", Description = "Pixel size of the plot, WIDTHxHEIGHT", DefaultValueFactory = _ => "1000x700" };

    private readonly Option<string?> _db = new("--db") { HelpName = "FILE", Description = "Database file to build and keep, or to reuse when an earlier run built it for the same dataset and settings (default: a temporary file)" };

    private readonly Option<string> _element = new("--element") { Description = "How vectors are stored: float32, half (VECTOR(n) HALF), bit (BIT(n), one bit per dimension set where the value is above zero)", DefaultValueFactory = _ => "float32" };

    private readonly Option<string?> _metric = new("--metric") { Description = "Metric to declare and measure: l2, cosine, ip, l1, hamming, jaccard (default: the dataset's; hamming for bits)" };

    private readonly Option<string?> _filterSelectivity = new("--filter-selectivity") { HelpName = "S1,S2,...", Description = "Filtered mode: for each share of rows (0 < s <= 1) a WHERE clause passes, measure the planner's choice and every forced strategy (recall@10, rows returned, QPS)" };

    private readonly Option<bool> _joined = new("--joined") { Description = "Joined mode: a search through a join with a documents table (n/20 rows, the filter on the documents) against the same filter on the single table: QPS, recall@10, latency ratio" };
    private readonly Option<string> _filterKind = new("--filter-kind") { Description = "Filtered mode's filters: independent (rows at random), correlated (whole clusters of nearby rows) or both", DefaultValueFactory = _ => "both" };

    private readonly Option<int?> _baseRows = new("--base-rows") { HelpName = "N", Description = "Load only the first N base vectors (ground truth is recomputed for them)" };

    /// <summary>The command, writing to <paramref name="streams"/>.</summary>
    public BenchCommand(StandardStreams streams)
        : base("bench", "Measure search speed and recall@10 on a dataset through the engine and compare with reference results (docs/benchmarks.md shows how and what it measured)")
    {
        _streams = streams;
        _index.AcceptOnlyFromAmong(BenchOptions.IndexMethods);
        _element.AcceptOnlyFromAmong(BenchNames.Elements);
        _metric.AcceptOnlyFromAmong(BenchNames.Metrics);
        _filterKind.AcceptOnlyFromAmong("independent", "correlated", "both");
        foreach (var option in (Option[])[_data, _dataset, _index, _param, _sweep, _k, _threads, _batch, _singleMaxQ, _batchMaxQ, _json, _compare, _plot, _plotSize, _db, _element, _metric, _filterSelectivity, _filterKind, _baseRows, _joined])
            Add(option);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        BenchOptions options;
        try
        {
            options = new BenchOptions
            {
                DataFolder = parse.GetValue(_data),
                Dataset = parse.GetValue(_dataset)!,
                Index = parse.GetValue(_index)!.ToLowerInvariant(),
                Parameters = [.. (parse.GetValue(_param) ?? []).Select(p => IndexOption.Parse(p, "--param"))],
                Sweep = parse.GetValue(_sweep) is { } sweep ? ParseSweep(sweep) : null,
                K = parse.GetValue(_k),
                Threads = parse.GetValue(_threads),
                Batch = parse.GetValue(_batch),
                SingleMaxQueries = parse.GetValue(_singleMaxQ),
                BatchMaxQueries = parse.GetValue(_batchMaxQ),
                JsonPath = parse.GetValue(_json),
                ComparePath = parse.GetValue(_compare),
                PlotPath = parse.GetValue(_plot),
                PlotSize = ParseSize(parse.GetValue(_plotSize)!),
                DatabasePath = parse.GetValue(_db),
                Element = BenchNames.ParseElement(parse.GetValue(_element)!)!.Value,
                Metric = parse.GetValue(_metric) is { } metric ? BenchNames.ParseMetric(metric) : null,
                FilterSelectivities = parse.GetValue(_filterSelectivity) is { } shares ? ParseShares(shares) : null,
                FilterKinds = parse.GetValue(_filterKind) switch
                {
                    "independent" => [FilterKind.Independent],
                    "correlated" => [FilterKind.Correlated],
                    _ => [FilterKind.Independent, FilterKind.Correlated],
                },
                BaseRows = parse.GetValue(_baseRows),
                Joined = parse.GetValue(_joined),
            };
        }
        catch (BenchException exception)
        {
            _streams.Error.WriteLine("Error: " + exception.Message);
            return 1;
        }
        return new BenchRunner(_streams).Run(options);
    }

    private static (string, IReadOnlyList<string>) ParseSweep(string text)
    {
        var first = IndexOption.Parse(text, "--sweep");
        var values = first.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0)
            throw new BenchException($"--sweep {text}: no values");
        foreach (var value in values)
            IndexOption.Create(first.Name, value, "--sweep");
        return (first.Name, values);
    }

    private static List<double> ParseShares(string text)
    {
        var shares = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double share))
                throw new BenchException($"--filter-selectivity {text}: '{part}' is not a number");
            shares.Add(share);
        }
        return shares;
    }

    private static (int, int) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height))
            return (width, height);
        throw new BenchException($"--plot-size {text}: expected WIDTHxHEIGHT in pixels, such as 1000x700");
    }
}
