using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Queries;

namespace VecStore.Storage;

/// <summary>How many rows a filter is expected to pass, from the sample ANALYZE kept.</summary>
/// <param name="TableRows">Rows of the table when ANALYZE ran.</param>
/// <param name="SampleRows">Sampled rows that still exist.</param>
/// <param name="SamplePassed">Sampled rows that pass the filter.</param>
public sealed record FilterEstimate(long TableRows, int SampleRows, int SamplePassed)
{
    /// <summary>The share of rows expected to pass, 0 to 1.</summary>
    public double Selectivity => SampleRows == 0 ? 1 : (double)SamplePassed / SampleRows;

    /// <summary>Rows expected to pass.</summary>
    public long EstimatedRows => (long)Math.Round(Selectivity * TableRows);
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
                        seen++;
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
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "gathering statistics");
        }
    }

    /// <summary>How many rows of <paramref name="table"/> are expected to pass <paramref name="where"/>, or null when ANALYZE has not run on it.</summary>
    /// <remarks>The filter runs on the sampled rows only (at most <see cref="StatisticsSampleRows"/> lookups by row id), so this is cheap enough to do while planning.</remarks>
    public FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where)
    {
        RequireStatement();
        try
        {
            if (Convert.ToInt64(_db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_vs_stats'", []), CultureInfo.InvariantCulture) == 0)
                return null;
            long rowCount;
            string sample;
            using (var rows = _db.Rows("SELECT row_count, sample FROM _vs_stats WHERE table_id = $0", [table.TableId]))
            {
                if (!rows.MoveNext())
                    return null;
                rowCount = rows.Int64(0);
                sample = rows.Text(1);
            }
            // One pass over the sampled rows still present: how many there are and how many pass
            // (CASE treats a NULL condition as not passing, as WHERE does).
            var writer = new SqlWriter().Append("SELECT count(*), coalesce(sum(CASE WHEN (").AppendExpression(where)
                .Append(") THEN 1 ELSE 0 END), 0) FROM ").Append(table.StorageName)
                .Append(" WHERE rowid IN (SELECT value FROM json_each(").AppendValue(sample).Append("))");
            int sampled, passed;
            using (var counts = _db.Rows(writer.Text, writer.Values))
            {
                counts.MoveNext();
                sampled = (int)counts.Int64(0);
                passed = (int)counts.Int64(1);
            }
            return new FilterEstimate(rowCount, sampled, passed);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "estimating a filter");
        }
    }
}
