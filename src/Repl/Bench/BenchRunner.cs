using System.Globalization;

namespace VecStore.Repl.Bench;

/// <summary>Runs the benchmark protocol of BENCH.md through the real engine: dataset, database, open, measure, report.</summary>
/// <remarks>
/// Steps: resolve the dataset and its ground truth; build the database (or reuse <c>--db</c>); close
/// it and time opening it to the first answer; then, for each sweep value, measure single or batch
/// mode; print the table, append <c>--json</c> lines as each point is measured, compare with
/// <c>--compare</c> and draw <c>--plot</c>. Progress notes go to standard error, results to output.
/// </remarks>
internal sealed class BenchRunner(StandardStreams streams)
{
    /// <summary>Runs the benchmark; returns the exit code (1 after printing an error).</summary>
    public int Run(BenchOptions options)
    {
        try
        {
            options.Validate();
            return Measure(options);
        }
        catch (BenchException exception)
        {
            streams.Error.WriteLine("Error: " + exception.Message);
            return 1;
        }
    }

    private int Measure(BenchOptions options)
    {
        string date = DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var dataset = new DatasetResolver(options.DataFolder, Log).Resolve(options.Dataset, options.RequestedMetric);
        if (options.BaseRows is int baseRows && baseRows < dataset.Base.Rows)
            dataset = Subset(dataset, baseRows, computeTruth: !options.Filtered && !options.Joined);
        if (options.Joined)
            return new JoinedBenchRunner(streams, Log).Measure(options, dataset);
        if (options.Filtered)
            return new FilterBenchRunner(streams, Log).Measure(options, dataset);
        if (dataset.Queries.Rows == 0 || dataset.GroundTruth.Queries < dataset.Queries.Rows)
            throw new BenchException($"{dataset.Name} has {dataset.Queries.Rows} queries and ground truth for {dataset.GroundTruth.Queries}");
        var references = options.ComparePath is { } comparePath ? ReferenceFile.Read(comparePath, dataset.Name) : default;
        if (options.PlotPath is { } plotPath && Path.GetDirectoryName(Path.GetFullPath(plotPath)) is { } plotFolder && !Directory.Exists(plotFolder))
            throw new BenchException($"--plot {plotPath}: the folder {plotFolder} does not exist");

        using var database = BenchDatabase.Prepare(options, dataset, streams, Log);
        int threads = options.EffectiveThreads;
        int queryCount = options.Batch ? Math.Min(options.BatchMaxQueries ?? int.MaxValue, dataset.Queries.Rows) : dataset.Queries.Rows;
        var queries = ColumnValues.ForRows(options.Element, dataset.Queries, queryCount);

        var (connection, openSeconds) = OpenAndAnswer(database, threads, options.K, queries[0]);
        var results = new List<BenchResult>();
        using (connection)
        {
            foreach (var searchParameters in SweepPoints(options))
            {
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"measuring {options.Mode} mode, {threads} thread{(threads == 1 ? "" : "s")}{(searchParameters.Count == 0 ? "" : ", " + string.Join(", ", searchParameters.Select(p => p.Name + "=" + p.Value)))}"));
                Measurement point;
                try
                {
                    point = options.Batch
                        ? BatchQueryRun.Measure(connection, options, queries, dataset.GroundTruth, searchParameters, threads)
                        : SingleQueryRun.Measure(connection, options, queries, dataset.GroundTruth, searchParameters, threads);
                }
                catch (VecStoreException exception)
                {
                    throw new BenchException($"the engine rejected the search\n  {SearchStatement.Search(options.K, searchParameters)}\n{exception.Message}", exception);
                }
                var result = new BenchResult(options.Index, [.. options.Parameters, .. searchParameters], dataset.Name, BenchNames.ToSql(dataset.Metric),
                    BenchNames.ToName(options.Element), dataset.Base.Rows, dataset.Base.Dimensions, options.K, point, database.BuildSeconds,
                    database.StoredMb, database.FilesMb, database.RssDeltaMb, openSeconds, database.Reused, MachineInfo.Current, date,
                    database.IndexSeconds, database.IndexMb);
                results.Add(result);
                if (options.JsonPath is { } jsonPath)
                    AppendJson(jsonPath, result);
            }
        }

        var report = new BenchReport(streams);
        report.PrintSetting(options, dataset, database, openSeconds);
        report.PrintResults(results);
        var ours = results.Select(ResultPoint.From).ToList();
        if (options.ComparePath is { } path)
            report.PrintComparison(path, dataset.Name, QpsComparison.Compare(ours, references.Points), references.Datasets);
        if (options.PlotPath is { } plot)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"{dataset.Name} (n={dataset.Base.Rows:N0}, d={dataset.Base.Dimensions}, {BenchNames.ToSql(dataset.Metric)})");
            RecallQpsPlot.Save(plot, title, [.. ours, .. references.Points ?? []], options.PlotSize.Width, options.PlotSize.Height);
            streams.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Plot written to {plot} ({options.PlotSize.Width}x{options.PlotSize.Height})."));
        }
        if (options.JsonPath is { } json)
            streams.Output.WriteLine($"Results appended to {json}.");
        return 0;
    }

    /// <summary>The first <paramref name="rows"/> base vectors of <paramref name="dataset"/>, with ground truth computed for them (filtered mode computes its own).</summary>
    private BenchDataset Subset(BenchDataset dataset, int rows, bool computeTruth)
    {
        var subset = dataset.Base.Take(rows);
        Log(string.Create(CultureInfo.InvariantCulture, $"using the first {rows:N0} of {dataset.Base.Rows:N0} base vectors"));
        var truth = computeTruth
            ? ExactNeighbors.Compute(subset, dataset.Queries, dataset.Metric, DatasetResolver.GroundTruthDepth)
            : new NeighborLists([], 0, 0);
        return dataset with { Name = string.Create(CultureInfo.InvariantCulture, $"{dataset.Name}[:{rows}]"), Base = subset, GroundTruth = truth };
    }

    private static (VecStoreConnection, double) OpenAndAnswer(BenchDatabase database, int threads, int k, object query)
    {
        try
        {
            return database.OpenAndAnswer(threads, k, query);
        }
        catch (VecStoreException exception)
        {
            throw new BenchException($"cannot open {database.Path} and search it: {exception.Message}", exception);
        }
    }

    private static IEnumerable<IReadOnlyList<IndexOption>> SweepPoints(BenchOptions options)
    {
        if (options.Sweep is not { } sweep)
        {
            yield return [];
            yield break;
        }
        foreach (var value in sweep.Values)
            yield return [IndexOption.Create(sweep.Name, value, "--sweep")];
    }

    private static void AppendJson(string path, BenchResult result)
    {
        try
        {
            JsonLinesWriter.Append(path, [result]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"cannot write --json {path}: {exception.Message}", exception);
        }
    }

    private void Log(string message) => streams.Error.WriteLine("bench: " + message);
}
