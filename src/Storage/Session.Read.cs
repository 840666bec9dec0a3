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
        var sources = new ColumnSchema?[query.Projections.Count];
        var views = new ColumnView?[query.Projections.Count];
        for (int i = 0; i < query.Projections.Count; i++)
        {
            var projection = query.Projections[i];
            writer.Append(i == 0 ? "" : ", ").AppendExpression(projection);
            if (projection is ColumnExpr c)
            {
                sources[i] = c.Column;
                if (c.Column.IsVector)
                    views[i] = View(c.Column);
            }
        }
        if (query.Table is not null)
            writer.Append(" FROM ").Append(query.Table.StorageName);
        if (query.Where is not null)
            writer.Append(" WHERE ").AppendExpression(query.Where);
        for (int i = 0; i < query.OrderBy.Count; i++)
            writer.Append(i == 0 ? " ORDER BY " : ", ").AppendExpression(query.OrderBy[i].Expression).Append(query.OrderBy[i].Descending ? " DESC" : "");
        if (query.Limit is not null || query.Offset is not null)
            writer.Append(" LIMIT ").AppendValue(query.Limit ?? -1L);
        if (query.Offset is not null)
            writer.Append(" OFFSET ").AppendValue(query.Offset.Value);
        try
        {
            return new RowCursor(_db.Query(writer.Text, writer.Values), sources, views, DisplayName);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "running a query");
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
        var sources = new ColumnSchema?[projections.Count];
        var views = new ColumnView?[projections.Count];
        for (int i = 0; i < projections.Count; i++)
        {
            writer.Append(i == 0 ? "" : ", ").AppendExpression(projections[i]);
            if (projections[i] is ColumnExpr c)
            {
                sources[i] = c.Column;
                if (c.Column.IsVector)
                    views[i] = View(c.Column);
            }
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
                    values[i] = value is null ? null
                        : views[i] is { } view ? VectorValues.ToValue(VectorOf(view, (long)value, id), sources[i]!.Element, sources[i]!.Dimensions)
                        : sources[i] is { Type: ColumnType.Boolean } ? (long)value != 0
                        : value;
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
