namespace VecStore.Repl.Bench;

/// <summary>What <c>vecstore bench</c> was asked to measure, as the command line gave it.</summary>
internal sealed record BenchOptions
{
    /// <summary>The index methods the language names; only <c>flat</c> (no index, the exact scan) runs today.</summary>
    public static readonly string[] IndexMethods = ["flat", "hnsw", "ivf", "ivfpq"];

    /// <summary>Folder of prepared datasets (<c>--data</c>), or null.</summary>
    public string? DataFolder { get; init; }

    /// <summary>The dataset (<c>--dataset</c>): a folder name, <c>fashion-mnist</c> or <c>synth:...</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>The index method (<c>--index</c>), lower case.</summary>
    public string Index { get; init; } = "flat";

    /// <summary>Index build parameters (<c>--param</c>), in the order given.</summary>
    public IReadOnlyList<IndexOption> Parameters { get; init; } = [];

    /// <summary>The search parameter to sweep and its values (<c>--sweep name=v1,v2</c>); null for one point.</summary>
    public (string Name, IReadOnlyList<string> Values)? Sweep { get; init; }

    /// <summary>Rows each search returns (<c>--k</c>, LIMIT); recall is taken on the first 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Threads one search may use (<c>--threads</c>); null for the mode's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Batch mode (<c>--batch</c>): all queries at once through one <see cref="VecStoreBatch"/>; otherwise single queries.</summary>
    public bool Batch { get; init; }

    /// <summary>At most this many queries are timed in single mode (<c>--single-max-q</c>).</summary>
    public int SingleMaxQueries { get; init; } = 1000;

    /// <summary>At least this many queries are timed in single mode, even past <see cref="SingleMaxSeconds"/>.</summary>
    public int SingleMinQueries { get; init; } = 50;

    /// <summary>Single mode stops after this many seconds of searching once <see cref="SingleMinQueries"/> ran.</summary>
    public double SingleMaxSeconds { get; init; } = 2.0;

    /// <summary>At most this many queries go into a batch (<c>--batch-max-q</c>); null for all.</summary>
    public int? BatchMaxQueries { get; init; }

    /// <summary>Append results as JSON lines here (<c>--json</c>).</summary>
    public string? JsonPath { get; init; }

    /// <summary>Compare with the reference results in this JSON-lines file (<c>--compare</c>).</summary>
    public string? ComparePath { get; init; }

    /// <summary>Draw recall against QPS into this PNG (<c>--plot</c>).</summary>
    public string? PlotPath { get; init; }

    /// <summary>Pixel size of the plot (<c>--plot-size WIDTHxHEIGHT</c>).</summary>
    public (int Width, int Height) PlotSize { get; init; } = (1000, 700);

    /// <summary>Database file to build, or reuse when it already holds this dataset (<c>--db</c>); null for a temporary one.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>How vector elements are stored (<c>--element</c>).</summary>
    public BenchElement Element { get; init; } = BenchElement.Float32;

    /// <summary>The metric to declare and measure (<c>--metric</c>); null for the dataset's own.</summary>
    public BenchMetric? Metric { get; init; }

    /// <summary>Filtered mode (<c>--filter-selectivity</c>): the shares of rows the WHERE clause passes, each in (0, 1]; null for unfiltered searches.</summary>
    public IReadOnlyList<double>? FilterSelectivities { get; init; }

    /// <summary>The filters of filtered mode (<c>--filter-kind</c>): independent of the vectors, correlated with them, or both.</summary>
    public IReadOnlyList<FilterKind> FilterKinds { get; init; } = [FilterKind.Independent, FilterKind.Correlated];

    /// <summary>Only the first this many base vectors are loaded (<c>--base-rows</c>); null for all. Ground truth is recomputed for the subset.</summary>
    public int? BaseRows { get; init; }

    /// <summary>Joined mode (<c>--joined</c>): the search through a join with a documents table against the same filter on the single table.</summary>
    public bool Joined { get; init; }

    /// <summary>True in filtered mode.</summary>
    public bool Filtered => FilterSelectivities is not null;

    /// <summary>The threads a search uses: <see cref="Threads"/>, or 1 for single queries and every core for a batch.</summary>
    public int EffectiveThreads => Threads ?? (Batch ? Environment.ProcessorCount : 1);

    /// <summary>The mode as results name it: <c>single</c> or <c>batch</c>.</summary>
    public string Mode => Batch ? "batch" : "single";

    /// <summary>The metric asked for, or the default of the element type: hamming for bits, the dataset's own otherwise.</summary>
    public BenchMetric? RequestedMetric => Metric ?? (Element == BenchElement.Bit ? BenchMetric.Hamming : null);

    /// <summary>Rejects combinations that cannot mean anything, before any data is read.</summary>
    /// <exception cref="BenchException">An option is out of range or contradicts another.</exception>
    public void Validate()
    {
        if (!IndexMethods.Contains(Index))
            throw new BenchException($"unknown index '{Index}'; use {string.Join(", ", IndexMethods)}");
        if (Index == "flat" && Parameters.Count > 0)
            throw new BenchException("--index flat has no build parameters (--param); it is the exact scan of the table");
        if (K < 10)
            throw new BenchException($"--k {K}: recall@10 needs at least 10 results");
        if (Threads is < 1)
            throw new BenchException($"--threads {Threads}: at least 1");
        if (SingleMaxQueries < 1)
            throw new BenchException($"--single-max-q {SingleMaxQueries}: at least 1");
        if (BatchMaxQueries is < 1)
            throw new BenchException($"--batch-max-q {BatchMaxQueries}: at least 1");
        if (PlotSize.Width is < 100 or > 10000 || PlotSize.Height is < 100 or > 10000)
            throw new BenchException($"--plot-size {PlotSize.Width}x{PlotSize.Height}: each side from 100 to 10000 pixels");
        if (BaseRows is < 10)
            throw new BenchException($"--base-rows {BaseRows}: at least 10");
        if (FilterSelectivities is { } selectivities)
        {
            if (selectivities.Count == 0)
                throw new BenchException("--filter-selectivity: give at least one share, such as 0.01 or 0.001,0.01,0.1,0.5,1");
            foreach (var s in selectivities)
                if (!(s > 0 && s <= 1))
                    throw new BenchException($"--filter-selectivity {s.ToString(System.Globalization.CultureInfo.InvariantCulture)}: a share of the rows, above 0 and at most 1");
            if (Batch)
                throw new BenchException("--filter-selectivity measures single queries; leave out --batch");
            if (Sweep is not null || ComparePath is not null || PlotPath is not null)
                throw new BenchException("--filter-selectivity compares the planner with each forced strategy at the index's default breadth; leave out --sweep, --compare and --plot");
        }
        if (Joined && (Batch || Filtered || Sweep is not null || ComparePath is not null || PlotPath is not null))
            throw new BenchException("--joined measures single queries at the index's default breadth; leave out --batch, --filter-selectivity, --sweep, --compare and --plot");
        if (RequestedMetric is { } metric)
        {
            bool bitMetric = BenchNames.IsBitMetric(metric);
            if (Element == BenchElement.Bit && !bitMetric)
                throw new BenchException($"--element bit measures hamming or jaccard distance, not {BenchNames.ToSql(metric)}");
            if (Element != BenchElement.Bit && bitMetric)
                throw new BenchException($"--metric {BenchNames.ToSql(metric)} applies to bit vectors: add --element bit");
        }
    }
}
