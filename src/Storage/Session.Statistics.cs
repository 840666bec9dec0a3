using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Queries;

namespace VecStore.Storage;

/// <summary>How many rows a filter is expected to pass, from the sample ANALYZE kept.</summary>
/// <param name="TableRows">Rows of the table: counted by ANALYZE (less the sampled rows deleted since, in proportion) or estimated from the row-id range.</param>
/// <param name="SampleRows">Sampled rows that still exist.</param>
/// <param name="SamplePassed">Sampled rows that pass the filter.</param>
/// <param name="FromAnalyze">True when the sample is ANALYZE's; false when the session drew one itself because ANALYZE has not run.</param>
/// <param name="CountedRows">The rows that pass, when they were few enough to count through an index (then nothing was sampled).</param>
public sealed record FilterEstimate(long TableRows, int SampleRows, int SamplePassed, bool FromAnalyze = true, long? CountedRows = null)
{
    /// <summary>The share of rows expected to pass, 0 to 1.</summary>
    public double Selectivity => CountedRows is long counted ? (TableRows == 0 ? 1 : Math.Min(1.0, (double)counted / TableRows))
        : SampleRows == 0 ? 1 : (double)SamplePassed / SampleRows;

    /// <summary>Rows expected to pass.</summary>
    public long EstimatedRows => CountedRows ?? (long)Math.Round(Selectivity * TableRows);
}

// ANALYZE and the estimates the planner draws from it.
public sealed partial class Session
{
    /// <summary>Row ids ANALYZE keeps per table: a filter passing 1% of the rows is seen in about 10 of them.</summary>
    public const int StatisticsSampleRows = 1024;

    /// <summary>ANALYZE: SQLite's statistics for the table's indexes, and VecStore's row count and a seeded uniform sample of row ids, for every table when <paramref name="table"/> is null.</summary>
    public void Analyze(TableSchema? table)
    {
        RequireWriteStatement();
        var tables = table is null ? _catalog.Tables : [table];
        _monitor.Begin("gathering statistics (tables)", tables.Count);
        int analyzed = 0;
        try
        {
            foreach (var t in tables)
            {
                // The storage name comes from the catalog id ("t" + id), never from user text.
                _db.Execute("ANALYZE " + t.StorageName, []);
                var sample = new long[StatisticsSampleRows];
                int kept = 0;
                long seen = 0;
                var random = new Random((int)t.TableId);
                using (var rows = _db.Rows("SELECT rowid FROM " + t.StorageName, []))
                {
                    while (rows.MoveNext())
                    {
                        // Reservoir sampling: every row equally likely, one pass, fixed memory.
                        if ((++seen & (RowsBetweenStopChecks - 1)) == 0)
                            _monitor.ThrowIfStopped();
                        if (kept < sample.Length)
                            sample[kept++] = rows.Int64(0);
                        else if (random.NextInt64(seen) is var slot && slot < sample.Length)
                            sample[slot] = rows.Int64(0);
                    }
                }
                var json = new StringBuilder("[");
                for (int i = 0; i < kept; i++)
                    json.Append(i == 0 ? "" : ",").Append(sample[i].ToString(CultureInfo.InvariantCulture));
                json.Append(']');
                _db.Execute("INSERT OR REPLACE INTO _vs_stats (table_id, row_count, sample) VALUES ($0, $1, $2)", [t.TableId, seen, json.ToString()]);
                _monitor.Report(++analyzed);
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "gathering statistics");
        }
    }

    /// <summary>How many rows of <paramref name="table"/> are expected to pass <paramref name="where"/>, or null when the table is empty.</summary>
    /// <remarks>
    /// The filter runs on sampled rows only: ANALYZE's sample when there is one, otherwise one this
    /// session draws itself (<see cref="DrawSample"/>). The sample is read in chunks of
    /// <see cref="EstimateChunkRows"/> rows and reading stops once <see cref="EstimatePassingEnough"/>
    /// of them passed, so a wide filter costs one chunk (tens of microseconds) and only a
    /// narrow one reads the whole sample, when the plan it leads to costs more than that anyway.
    /// </remarks>
    /// <param name="maxChunks">Read at most this many chunks of the sample (the planner first reads one to see whether counting is cheaper).</param>
    public FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, int maxChunks = int.MaxValue)
    {
        RequireStatement();
        try
        {
            var sample = SampleOf(table);
            if (sample is null)
                return null;
            int sampled = 0, passed = 0, asked = 0;
            for (int c = 0; c < Math.Min(sample.Chunks.Length, maxChunks); c++)
            {
                string chunk = sample.Chunks[c];
                asked += Math.Min(EstimateChunkRows, sample.Rows - c * EstimateChunkRows);
                // CASE treats a NULL condition as not passing, as WHERE does.
                var writer = new SqlWriter().Append("SELECT count(*), coalesce(sum(CASE WHEN (").AppendExpression(where)
                    .Append(") THEN 1 ELSE 0 END), 0) FROM ").Append(table.StorageName)
                    .Append(" WHERE rowid IN (SELECT value FROM json_each(").AppendValue(chunk).Append("))");
                using (var counts = _db.Rows(writer.Text, writer.Values))
                {
                    counts.MoveNext();
                    sampled += (int)counts.Int64(0);
                    passed += (int)counts.Int64(1);
                }
                if (passed >= EstimatePassingEnough)
                    break;
            }
            // Sampled rows deleted since the sample was drawn say the table shrank by as much.
            long tableRows = asked == 0 ? sample.TableRows : (long)Math.Round((double)sample.TableRows * sampled / asked);
            return new FilterEstimate(tableRows, sampled, passed, sample.FromAnalyze);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "estimating a filter");
        }
    }

    /// <summary>Sampled rows checked per query of <see cref="EstimateFilter"/>.</summary>
    public const int EstimateChunkRows = 64;

    /// <summary>Passing sampled rows after which <see cref="EstimateFilter"/> stops reading: the share is then known to about ±25%.</summary>
    public const int EstimatePassingEnough = 16;

    /// <summary>A table's sample of row ids, as JSON arrays of <see cref="EstimateChunkRows"/> ids.</summary>
    /// <param name="Rows">Row ids in the sample, over all chunks.</param>
    /// <param name="From">What the sample was drawn from, to tell when to draw again: ANALYZE's row count and sample length, or the row-id range (min, max) when drawn here.</param>
    private sealed record RowSample(long TableRows, string[] Chunks, int Rows, bool FromAnalyze, (long, long) From);

    private readonly Dictionary<long, RowSample> _samples = [];

    /// <summary>The sample for <paramref name="table"/>: ANALYZE's, or one drawn now and kept while the table's row-id range stays about the same; null for an empty table.</summary>
    private RowSample? SampleOf(TableSchema table)
    {
        _samples.TryGetValue(table.TableId, out var cached);
        if (HasStatisticsTable())
        {
            using var rows = _db.Rows("SELECT row_count, length(sample) FROM _vs_stats WHERE table_id = $0", [table.TableId]);
            if (rows.MoveNext())
            {
                long rowCount = rows.Int64(0);
                var from = (rowCount, rows.Int64(1));
                if (cached is { FromAnalyze: true } && cached.From == from)
                    return cached;
                rows.Dispose();
                string json = (string)_db.Scalar("SELECT sample FROM _vs_stats WHERE table_id = $0", [table.TableId])!;
                var ids = System.Text.Json.JsonSerializer.Deserialize<long[]>(json) ?? [];
                return _samples[table.TableId] = new RowSample(rowCount, Chunk(ids, ids.Length), ids.Length, FromAnalyze: true, from);
            }
        }
        using (var range = _db.Rows("SELECT min(rowid), max(rowid) FROM " + table.StorageName, []))
        {
            range.MoveNext();
            if (range.IsNull(0))
                return null;
            long min = range.Int64(0), max = range.Int64(1);
            // Drawn again once the range grew or shrank by a quarter: the sample no longer represents the table.
            if (cached is { FromAnalyze: false, From: var (drawnMin, drawnMax) } && drawnMin == min && Math.Abs((double)drawnMax - max) * 4 < (double)max - min + 1)
                return cached;
            range.Dispose();
            return _samples[table.TableId] = DrawSample(table, min, max);
        }
    }

    /// <summary>
    /// A sample drawn without ANALYZE: <see cref="StatisticsSampleRows"/> random points of the
    /// row-id range, each moved to the first row at or after it (one index seek each, in one query).
    /// Rows after a gap are a little more likely; the share of points that land on a row estimates
    /// how many rows the range holds.
    /// </summary>
    private RowSample DrawSample(TableSchema table, long min, long max)
    {
        var random = new Random((int)table.TableId);
        // Ids near both ends of the 64-bit range make the range wider than a long counts: measured unsigned.
        ulong span = unchecked((ulong)(max - min));
        var points = new StringBuilder("[");
        for (int i = 0; i < StatisticsSampleRows; i++)
        {
            long point = span < long.MaxValue ? min + random.NextInt64((long)span + 1) : unchecked(min + (long)(ulong)(random.NextDouble() * span));
            points.Append(i == 0 ? "" : ",").Append(point.ToString(CultureInfo.InvariantCulture));
        }
        points.Append(']');
        var ids = new List<long>(StatisticsSampleRows);
        var seen = new HashSet<long>();
        int hits = 0;
        using (var rows = _db.Rows("SELECT value, (SELECT rowid FROM " + table.StorageName + " WHERE rowid >= value ORDER BY rowid LIMIT 1) FROM json_each($0)", [points.ToString()]))
        {
            while (rows.MoveNext())
            {
                long id = rows.Int64(1);
                if (id == rows.Int64(0))
                    hits++;
                if (seen.Add(id))
                    ids.Add(id);
            }
        }
        long tableRows = Math.Max(ids.Count, (long)Math.Round(((double)span + 1) * hits / StatisticsSampleRows));
        return new RowSample(tableRows, Chunk([.. ids], ids.Count), ids.Count, FromAnalyze: false, (min, max));
    }

    private static string[] Chunk(long[] ids, int count)
    {
        var chunks = new string[(count + EstimateChunkRows - 1) / EstimateChunkRows];
        for (int c = 0; c < chunks.Length; c++)
        {
            var json = new StringBuilder("[");
            for (int i = c * EstimateChunkRows, end = Math.Min(count, i + EstimateChunkRows); i < end; i++)
                json.Append(i == c * EstimateChunkRows ? "" : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
            chunks[c] = json.Append(']').ToString();
        }
        return chunks;
    }

    private bool _statisticsTableSeen;

    /// <summary>Whether the database has VecStore's statistics table (a file written by an older version may not).</summary>
    private bool HasStatisticsTable() => _statisticsTableSeen
        || (_statisticsTableSeen = Convert.ToInt64(_db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_vs_stats'", []), CultureInfo.InvariantCulture) > 0);

    private readonly Dictionary<string, FilterAccess> _filterSearches = [];
    private long _filterSearchesCatalog = -1;

    /// <summary>
    /// How SQLite lists the rows that pass <paramref name="where"/> with their slots: by reading
    /// the table, through an index (the cost grows with the rows that pass), or through an index
    /// that also holds the slots (no table row is read at all).
    /// </summary>
    /// <remarks>Asked of SQLite's own planner (EXPLAIN QUERY PLAN) once per filter shape and schema: a new index can change the answer.</remarks>
    public FilterAccess FilterAccess(TableSchema table, ColumnSchema column, SqlExpr where)
    {
        RequireStatement();
        if (_filterSearchesCatalog != _catalog.Version)
        {
            _filterSearches.Clear();
            _filterSearchesCatalog = _catalog.Version;
        }
        var writer = CandidateQuery(table, column, where);
        if (_filterSearches.TryGetValue(writer.Text, out var known))
            return known;
        bool scans = false, covered = true;
        try
        {
            using var rows = _db.Rows("EXPLAIN QUERY PLAN " + writer.Text, writer.Values);
            while (rows.MoveNext())
            {
                string step = rows.Text(3);
                scans |= step.StartsWith("SCAN ", StringComparison.Ordinal);
                // Every search step must read its index alone (an OR of two indexes has two steps).
                if (step.StartsWith("SEARCH ", StringComparison.Ordinal))
                    covered &= step.Contains(" USING COVERING INDEX ", StringComparison.Ordinal);
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "planning a filter");
        }
        return _filterSearches[writer.Text] = scans ? Queries.FilterAccess.TableScan : covered ? Queries.FilterAccess.CoveringIndex : Queries.FilterAccess.Index;
    }

    /// <summary>How many rows pass <paramref name="where"/>, counting no further than <paramref name="limit"/>.</summary>
    /// <remarks>Cheap only when SQLite finds the rows through an index (<see cref="FilterAccess"/>): then it reads at most <paramref name="limit"/> index entries.</remarks>
    public long CountUpTo(TableSchema table, SqlExpr where, long limit)
    {
        RequireStatement();
        var writer = new SqlWriter().Append("SELECT count(*) FROM (SELECT 1 FROM ").Append(table.StorageName).Append(" WHERE ")
            .AppendExpression(where).Append(" LIMIT ").AppendValue(limit).Append(")");
        try
        {
            return Convert.ToInt64(_db.Scalar(writer.Text, writer.Values), CultureInfo.InvariantCulture);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "counting a filter's rows");
        }
    }

    private readonly Dictionary<string, bool> _wideFilters = [];

    /// <summary>Whether the last estimate of a filter of this shape (its SQL with the values left out) found many rows: null when none was made.</summary>
    /// <remarks>The planner uses it to start with the estimate that is cheaper for such a filter: counting through an index for a narrow one, a sample for a wide one.</remarks>
    public bool? FilterWasWide(TableSchema table, SqlExpr where) =>
        _wideFilters.TryGetValue(ShapeKey(table, where), out bool wide) ? wide : null;

    /// <summary>Records whether a filter of this shape found many rows, for <see cref="FilterWasWide"/>.</summary>
    public void RememberFilterWidth(TableSchema table, SqlExpr where, bool wide)
    {
        if (_wideFilters.Count > 1024)
            _wideFilters.Clear();
        _wideFilters[ShapeKey(table, where)] = wide;
    }

    private static string ShapeKey(TableSchema table, SqlExpr where) => KeyWriter(table, where).Text;

    /// <summary>The filter's SQL, prefixed by its table: the same for the same shape, whatever the values.</summary>
    private static SqlWriter KeyWriter(TableSchema table, SqlExpr where) =>
        new SqlWriter().Append(table.StorageName).Append(": ").AppendExpression(where);

    /// <summary>Uses of a remembered estimate before it is made again from the table.</summary>
    private const int EstimateReuses = 64;

    private readonly Dictionary<string, (FilterEstimate Estimate, int Uses)> _estimates = [];

    /// <summary>The estimate made for this very filter (same shape, same values) by an earlier statement of this session, if it is still fresh.</summary>
    /// <remarks>
    /// A query repeated with the same filter values, as applications do, would otherwise pay for
    /// its estimate every time, which is a third of a sub-millisecond search. Estimates steer the
    /// plan only, never the answer; they are forgotten when this session writes, after
    /// <see cref="EstimateReuses"/> uses, and when more than 256 are kept.
    /// </remarks>
    public FilterEstimate? RememberedEstimate(TableSchema table, SqlExpr where)
    {
        string key = ValueKey(table, where);
        if (!_estimates.TryGetValue(key, out var entry))
            return null;
        if (entry.Uses >= EstimateReuses)
        {
            _estimates.Remove(key);
            return null;
        }
        _estimates[key] = (entry.Estimate, entry.Uses + 1);
        return entry.Estimate;
    }

    /// <summary>Keeps <paramref name="estimate"/> for <see cref="RememberedEstimate"/>.</summary>
    public void RememberEstimate(TableSchema table, SqlExpr where, FilterEstimate estimate)
    {
        if (_estimates.Count >= 256)
            _estimates.Clear();
        _estimates[ValueKey(table, where)] = (estimate, 0);
    }

    private void ForgetEstimates()
    {
        if (_estimates.Count > 0)
            _estimates.Clear();
    }

    /// <summary>The filter's SQL and its values, as one string.</summary>
    private static string ValueKey(TableSchema table, SqlExpr where)
    {
        var writer = KeyWriter(table, where);
        var key = new StringBuilder(writer.Text);
        foreach (var value in writer.Values)
        {
            key.Append('\u001f');
            key.Append(value switch
            {
                null => "null",
                byte[] bytes => "x" + Convert.ToHexString(bytes),
                string text => "s" + text,
                IFormattable number => "n" + number.ToString(null, CultureInfo.InvariantCulture),
                _ => "?" + value,
            });
        }
        return key.ToString();
    }
}
