using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Queries;
using VecStore.Storage.Views;

namespace VecStore.Storage;

// Reads: scalar queries SQLite answers, filters that yield candidate rows, and views of vector columns.
public sealed partial class Session
{
    /// <summary>Runs a query SQLite answers on its own; dispose the cursor before the statement ends.</summary>
    public RowCursor Select(RowQuery query)
    {
        RequireStatement();
        var writer = new SqlWriter().Append("SELECT ");
        var decodings = new ValueDecoding[query.Projections.Count];
        for (int i = 0; i < query.Projections.Count; i++)
        {
            writer.Append(i == 0 ? "" : ", ").AppendExpression(query.Projections[i]);
            decodings[i] = ValueDecoding.Of(query.Projections[i]);
        }
        if (query.Table is not null)
            writer.Append(" FROM ").Append(query.Table.StorageName);
        if (query.Where is not null)
            writer.Append(" WHERE ").AppendExpression(query.Where);
        writer.AppendOrderBy(query.OrderBy);
        if (query.Limit is not null || query.Offset is not null)
            writer.Append(" LIMIT ").AppendValue(query.Limit ?? -1L);
        if (query.Offset is not null)
            writer.Append(" OFFSET ").AppendValue(query.Offset.Value);
        return Open(writer, decodings, "running a query");
    }

    /// <summary>Runs a whole query (joins, grouping, subqueries, set operations) that SQLite answers, each output decoded as <paramref name="decodings"/> says; dispose the cursor before the statement ends.</summary>
    public RowCursor Query(SqlQuery query, IReadOnlyList<ValueDecoding> decodings)
    {
        RequireStatement();
        if (decodings.Count != query.First.Projections.Count)
            throw new ArgumentException("one decoding per output column", nameof(decodings));
        var writer = new SqlWriter().AppendQuery(query);
        return Open(writer, [.. decodings], "running a query");
    }

    /// <summary>SQLite's plan for a query (EXPLAIN QUERY PLAN), one line per step, indented under its parent step.</summary>
    public List<string> ExplainQuery(SqlQuery query)
    {
        RequireStatement();
        var writer = new SqlWriter().AppendQuery(query);
        var lines = new List<string>();
        var depth = new Dictionary<long, int>();
        try
        {
            using var rows = _db.Rows("EXPLAIN QUERY PLAN " + writer.Text, writer.Values);
            while (rows.MoveNext())
            {
                long id = rows.Int64(0);
                long parent = rows.Int64(1);
                int level = depth.TryGetValue(parent, out int p) ? p + 1 : 0;
                depth[id] = level;
                lines.Add(new string(' ', 2 * level) + rows.Text(3));
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "planning a query");
        }
        return lines;
    }

    /// <summary>The SQLite text of a query as <see cref="Query"/> runs it, and its parameter values: for EXPLAIN and tests.</summary>
    public static (string Sql, object?[] Values) Render(SqlQuery query)
    {
        var writer = new SqlWriter().AppendQuery(query);
        return (writer.Text, writer.Values);
    }

    private RowCursor Open(SqlWriter writer, ValueDecoding[] decodings, string what)
    {
        var views = new ColumnView?[decodings.Length];
        for (int i = 0; i < decodings.Length; i++)
            if (decodings[i] is { Kind: ValueDecodingKind.VectorSlot, Column: { } column })
                views[i] = View(column);
        try
        {
            return new RowCursor(_db.Query(writer.Text, writer.Values), decodings, views, DisplayName);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, what);
        }
    }

    /// <summary>The rows that pass <paramref name="where"/> and have a vector in <paramref name="column"/>, with its slot.</summary>
    /// <param name="readWholeTable">Read the table in order rather than through an index of the filter's columns (NOT INDEXED): cheaper when a large share of the rows pass, since each row found through an index is a separate lookup.</param>
    public List<Candidate> Candidates(TableSchema table, ColumnSchema column, SqlExpr? where, bool readWholeTable = false)
    {
        RequireStatement();
        var writer = CandidateQuery(table, column, where, readWholeTable);
        var candidates = new List<Candidate>();
        try
        {
            using var rows = _db.Rows(writer.Text, writer.Values);
            while (rows.MoveNext())
            {
                if ((candidates.Count & (RowsBetweenStopChecks - 1)) == 0)
                    _monitor.ThrowIfStopped();
                candidates.Add(new Candidate(rows.Int64(0), rows.Int64(1)));
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "filtering rows");
        }
        return candidates;
    }

    /// <summary>The row id and vector slot of every row with a vector that passes <paramref name="where"/>.</summary>
    private static SqlWriter CandidateQuery(TableSchema table, ColumnSchema column, SqlExpr? where, bool readWholeTable = false)
    {
        var writer = new SqlWriter().Append("SELECT rowid, ").AppendColumn(column).Append(" FROM ").Append(table.StorageName)
            .Append(readWholeTable ? " NOT INDEXED WHERE " : " WHERE ").AppendColumn(column).Append(" IS NOT NULL");
        if (where is not null)
            writer.Append(" AND ").AppendExpression(where);
        return writer;
    }

    /// <summary>The number of rows that pass <paramref name="where"/> (all rows when null).</summary>
    public long Count(TableSchema table, SqlExpr? where)
    {
        RequireStatement();
        var writer = new SqlWriter().Append("SELECT count(*) FROM ").Append(table.StorageName);
        if (where is not null)
            writer.Append(" WHERE ").AppendExpression(where);
        try
        {
            return (long)_db.Scalar(writer.Text, writer.Values)!;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "counting rows");
        }
    }

    /// <summary>Which of <paramref name="rowIds"/> pass <paramref name="where"/>: the WHERE clause evaluated on those rows only, in one query.</summary>
    /// <remarks>What a post-filtering search needs: the index proposes rows, SQLite checks just them, and no list of every passing row is built.</remarks>
    public HashSet<long> PassingRows(TableSchema table, IReadOnlyCollection<long> rowIds, SqlExpr where)
    {
        RequireStatement();
        var passing = new HashSet<long>();
        if (rowIds.Count == 0)
            return passing;
        var writer = new SqlWriter().Append("SELECT rowid FROM ").Append(table.StorageName)
            .Append(" WHERE rowid IN (SELECT value FROM json_each(").AppendValue(InSubqueryOfJsonIds.Json(rowIds)).Append(")) AND (").AppendExpression(where).Append(")");
        try
        {
            using var rows = _db.Rows(writer.Text, writer.Values);
            while (rows.MoveNext())
                passing.Add(rows.Int64(0));
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "filtering rows");
        }
        return passing;
    }

    /// <summary>Reads the projections of several rows, by row id, in one query; rows that do not exist are missing from the result.</summary>
    public Dictionary<long, object?[]> FetchRows(TableSchema table, IReadOnlyCollection<long> rowIds, IReadOnlyList<SqlExpr> projections)
    {
        RequireStatement();
        var rows = new Dictionary<long, object?[]>(rowIds.Count);
        if (rowIds.Count == 0)
            return rows;
        if (AnsweredByRowId(table, projections))
        {
            // The winners' row ids came from the same snapshot as the rows: nothing to ask SQLite.
            foreach (long id in rowIds)
            {
                var values = new object?[projections.Count];
                for (int i = 0; i < values.Length; i++)
                    values[i] = id;
                rows[id] = values;
            }
            return rows;
        }
        if (rowIds.Count <= RowByRowLimit)
            return FetchRowByRow(table, rowIds, projections, rows);
        var all = new List<SqlExpr>(projections.Count + 1) { new RowIdExpr() };
        all.AddRange(projections);
        var query = new RowQuery(table, all, InSubqueryOfJsonIds.Of(rowIds), [], null, null);
        using var cursor = Select(query);
        while (cursor.Read())
        {
            var values = new object?[projections.Count];
            for (int i = 0; i < values.Length; i++)
                values[i] = cursor.GetValue(i + 1);
            rows[(long)cursor.GetValue(0)!] = values;
        }
        return rows;
    }

    // Up to this many rows, one prepared lookup by row id each beats one query over a list of ids.
    private const int RowByRowLimit = 64;

    private static bool AnsweredByRowId(TableSchema table, IReadOnlyList<SqlExpr> projections)
    {
        foreach (var projection in projections)
            if (projection is not RowIdExpr && !(projection is ColumnExpr { Column.IsPrimaryKey: true } && table.KeyIsRowId))
                return false;
        return true;
    }

    private Dictionary<long, object?[]> FetchRowByRow(TableSchema table, IReadOnlyCollection<long> rowIds, IReadOnlyList<SqlExpr> projections, Dictionary<long, object?[]> rows)
    {
        var writer = new SqlWriter().Append("SELECT ");
        var decodings = new ValueDecoding[projections.Count];
        var views = new ColumnView?[projections.Count];
        for (int i = 0; i < projections.Count; i++)
        {
            writer.Append(i == 0 ? "" : ", ").AppendExpression(projections[i]);
            decodings[i] = ValueDecoding.Of(projections[i]);
            if (decodings[i] is { Kind: ValueDecodingKind.VectorSlot, Column: { } column })
                views[i] = View(column);
        }
        writer.Append(" FROM ").Append(table.StorageName).Append(" WHERE rowid = ").AppendValue(0L);
        string sql = writer.Text;
        var parameters = writer.Values;
        try
        {
            foreach (long id in rowIds)
            {
                parameters[^1] = id;
                using var row = _db.Rows(sql, parameters);
                if (!row.MoveNext())
                    continue;
                var values = new object?[projections.Count];
                for (int i = 0; i < values.Length; i++)
                {
                    var value = row.Value(i);
                    values[i] = value is null ? null : decodings[i].Kind switch
                    {
                        ValueDecodingKind.VectorSlot => VectorValues.ToValue(VectorOf(views[i]!, (long)value, id), decodings[i].Column!.Element, decodings[i].Column!.Dimensions),
                        ValueDecodingKind.VectorValue => Functions.VectorBlob.TryRead((byte[])value, out var element, out int dimensions, out var data)
                            ? VectorValues.ToValue(data, element, dimensions)
                            : throw new InvalidOperationException("projection " + i + " did not return a vector value"),
                        ValueDecodingKind.Boolean => (long)value != 0,
                        _ => value,
                    };
                }
                rows[id] = values;
            }
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "reading rows");
        }
        return rows;
    }

    private ReadOnlySpan<byte> VectorOf(ColumnView view, long slot, long rowId)
    {
        var vector = view.GetVectorData(slot);
        if (vector.IsEmpty)
            throw view.MissingVector(DisplayName, slot, rowId);
        return vector;
    }

    /// <summary>The vectors of <paramref name="column"/> as the current statement sees them (ids are slots).</summary>
    public ColumnView View(ColumnSchema column)
    {
        var scope = RequireStatement();
        if (!column.IsVector)
            throw new ArgumentException($"column '{column.Name}' is not a vector column", nameof(column));
        return scope.View(column);
    }
}
