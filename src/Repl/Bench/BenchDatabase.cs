using System.Diagnostics;
using System.Globalization;

namespace VecStore.Repl.Bench;

/// <summary>The database a benchmark searches: built from the dataset, or reused from an earlier run's <c>--db</c> file.</summary>
/// <remarks>
/// Building is CREATE TABLE, one <see cref="VecStoreBulkInsert"/> of every base vector (row i gets
/// id i), CHECKPOINT, and CREATE INDEX for an ANN method; <see cref="BuildSeconds"/> times all of it.
/// The table <c>bench_info</c> records what was built and how long it took, so a later run with the
/// same <c>--db</c>, dataset, element, metric, index and parameters reuses the file instead. Without
/// <c>--db</c> the database lives in a temporary folder that <see cref="Dispose"/> removes.
/// </remarks>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string? _temporaryFolder;

    private BenchDatabase(string path, string? temporaryFolder, double buildSeconds, bool reused, double? rssDeltaMb)
    {
        Path = path;
        _temporaryFolder = temporaryFolder;
        BuildSeconds = buildSeconds;
        Reused = reused;
        RssDeltaMb = rssDeltaMb;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Seconds the build took (recorded by the run that built it, when reused).</summary>
    public double BuildSeconds { get; }

    /// <summary>True when an existing <c>--db</c> file was used as it was.</summary>
    public bool Reused { get; }

    /// <summary>Growth of this process's resident memory during the build, in MiB; null when reused.</summary>
    public double? RssDeltaMb { get; }

    /// <summary>Seconds CREATE INDEX took in this run's build (null for flat or a reused database): what hnswlib's build_s measures.</summary>
    public double? IndexSeconds { get; init; }

    /// <summary>Size of the vector file and any index files on disk, in MiB: what <c>mem_mb</c> reports.</summary>
    public double StoredMb => Megabytes(["-vectors"], withIndexes: true);

    /// <summary>Size of every file of the database, the SQLite file and its WAL included, in MiB (<c>db_files_mb</c>).</summary>
    public double FilesMb => Megabytes(["", "-wal", "-vectors"], withIndexes: true);

    /// <summary>Size of the index files alone, in MiB.</summary>
    public double IndexMb => Megabytes([], withIndexes: true);

    private double Megabytes(string[] suffixes, bool withIndexes)
    {
        long bytes = 0;
        foreach (var suffix in suffixes)
            if (File.Exists(Path + suffix))
                bytes += new FileInfo(Path + suffix).Length;
        if (withIndexes)
        {
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            foreach (var index in Directory.EnumerateFiles(folder, System.IO.Path.GetFileName(Path) + "-index-*"))
                bytes += new FileInfo(index).Length;
        }
        return bytes / (1024.0 * 1024.0);
    }

    /// <summary>Builds the database for <paramref name="dataset"/>, or reuses <see cref="BenchOptions.DatabasePath"/> when it already holds it.</summary>
    /// <exception cref="BenchException">The engine rejected the table or index, or the file holds something else.</exception>
    /// <param name="filters">The filter columns to store beside the vectors (filtered mode), or null.</param>
    public static BenchDatabase Prepare(BenchOptions options, BenchDataset dataset, StandardStreams streams, Action<string> log, FilterColumns? filters = null)
    {
        string? temporary = null;
        string path;
        if (options.DatabasePath is { } given)
        {
            path = given;
        }
        else
        {
            temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vecstore-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temporary);
            path = System.IO.Path.Combine(temporary, "bench.vdb");
        }

        try
        {
            var record = BuildRecord.For(options, dataset);
            if (File.Exists(path))
            {
                using var existing = Open(path, threads: 1);
                if (BuildRecord.Read(existing) is { } stored)
                {
                    if (!stored.Matches(record))
                        throw new BenchException($"--db {path} holds {stored.Describe()}, not {record.Describe()}; give another --db path or delete the file");
                    log($"reusing {path} ({stored.Describe()}, built in {stored.BuildSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
                    return new BenchDatabase(path, temporary, stored.BuildSeconds, reused: true, rssDeltaMb: null);
                }
                var tables = existing.GetTables();
                if (tables.Any(t => string.Equals(t.Name, SearchStatement.Table, StringComparison.OrdinalIgnoreCase)))
                    throw new BenchException($"--db {path} holds an unfinished build (a {SearchStatement.Table} table but no {SearchStatement.InfoTable}); delete it and run again");
                if (tables.Count > 0)
                    throw new BenchException($"--db {path} is a database with other tables, not one made by vecstore bench; give a new path");
            }
            return Build(path, temporary, options, dataset, record, streams, log, filters);
        }
        catch
        {
            DeleteFolder(temporary);
            throw;
        }
    }

    /// <summary>Opens the database with <paramref name="threads"/> threads per search.</summary>
    public static VecStoreConnection Open(string path, int threads)
    {
        var settings = new VecStoreConnectionStringBuilder { DataSource = path, Threads = threads };
        var connection = new VecStoreConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the closed database and answers one query; returns the connection and the seconds from closed to first answer (<c>open_s</c>).</summary>
    /// <remarks>The operating system's file cache is warm from the build or an earlier run: this is the cost of opening in a process, not of a cold disk.</remarks>
    public (VecStoreConnection Connection, double Seconds) OpenAndAnswer(int threads, int k, object query)
    {
        long before = Stopwatch.GetTimestamp();
        var connection = Open(Path, threads);
        try
        {
            using var command = new VecStoreCommand(SearchStatement.Search(k, []), connection);
            command.Parameters.AddWithValue("q", query);
            SingleQueryRun.Search(command, k);
            return (connection, Stopwatch.GetElapsedTime(before).TotalSeconds);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Removes a temporary database; a <c>--db</c> file stays.</summary>
    public void Dispose() => DeleteFolder(_temporaryFolder);

    private static BenchDatabase Build(string path, string? temporary, BenchOptions options, BenchDataset dataset, BuildRecord record, StandardStreams streams, Action<string> log, FilterColumns? filters)
    {
        GC.Collect();
        double rssBefore = ResidentMb();
        long started = Stopwatch.GetTimestamp();
        double? indexSeconds = null;
        using (var connection = Open(path, Environment.ProcessorCount))
        {
            Execute(connection, SearchStatement.CreateTable(options.Element, dataset.Metric, dataset.Base.Dimensions, filters is not null), "create the table");
            log(string.Create(CultureInfo.InvariantCulture, $"loading {dataset.Base.Rows:N0} vectors into {path}"));
            var bulk = new VecStoreBulkInsert(connection, SearchStatement.Table, filters is null ? ["id", "v"] : ["id", "v", SearchStatement.TagColumn, SearchStatement.GroupColumn])
            {
                ProgressInterval = Math.Max(1000, dataset.Base.Rows / 200),
            };
            try
            {
                Output.LoadProgress.Run(streams, "Loading vectors", dataset.Base.Rows, progress =>
                {
                    bulk.Progress = progress;
                    return bulk.Write(Rows(dataset, options.Element, filters));
                });
                connection.Checkpoint();
            }
            catch (VecStoreException exception)
            {
                throw new BenchException($"cannot load the vectors: {exception.Message}", exception);
            }
            if (options.Index != "flat")
            {
                log($"building the {options.Index} index");
                long indexStarted = Stopwatch.GetTimestamp();
                Output.StageProgress.Run(streams, progress =>
                {
                    connection.Progress = progress;
                    Execute(connection, SearchStatement.CreateIndex(options.Index, options.Parameters), $"build the {options.Index} index");
                    connection.Progress = null;
                    return 0;
                });
                indexSeconds = Stopwatch.GetElapsedTime(indexStarted).TotalSeconds;
            }
            if (filters is not null)
            {
                // SQLite indexes on the filter columns and statistics, as a user tuning filtered search would have.
                log("indexing the filter columns and gathering statistics (ANALYZE)");
                foreach (var statement in SearchStatement.FilterIndexes())
                    Execute(connection, statement, "index the filter columns");
                Execute(connection, $"ANALYZE {SearchStatement.Table}", "gather statistics");
            }
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            record.Write(connection, seconds);
            GC.Collect();
            double rssDelta = ResidentMb() - rssBefore;
            return new BenchDatabase(path, temporary, seconds, reused: false, double.IsNaN(rssDelta) ? null : rssDelta) { IndexSeconds = indexSeconds };
        }
    }

    private static IEnumerable<object?[]> Rows(BenchDataset dataset, BenchElement element, FilterColumns? filters)
    {
        for (int i = 0; i < dataset.Base.Rows; i++)
            yield return filters is null
                ? [(long)i, ColumnValues.For(element, dataset.Base.Row(i))]
                : [(long)i, ColumnValues.For(element, dataset.Base.Row(i)), (long)filters.Tag[i], (long)filters.Group[i]];
    }

    private static void Execute(VecStoreConnection connection, string sql, string what)
    {
        try
        {
            using var command = new VecStoreCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        catch (VecStoreException exception)
        {
            throw new BenchException($"cannot {what}: the engine rejected\n  {sql}\n{exception.Message}", exception);
        }
    }

    private static double ResidentMb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux: the RSS delta is left out.
        }
        return double.NaN;
    }

    private static void DeleteFolder(string? folder)
    {
        if (folder is null)
            return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
