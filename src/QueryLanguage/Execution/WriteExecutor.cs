using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs INSERT, UPDATE and DELETE: the rows (VALUES, or a query's), ON CONFLICT, and RETURNING read back by row id.</summary>
/// <remarks>Every row goes through Session's writes (slots, the log); a failure anywhere fails the statement, which its scope then undoes whole.</remarks>
internal static class WriteExecutor
{
    public static StatementResult Insert(Session session, BoundInsert insert)
    {
        var written = insert.Returning is null ? null : new List<long>();
        long count;
        RowCursor? cursor = null;
        try
        {
            IEnumerable<object?[]> rows = insert.Rows;
            if (insert.Query is { } query)
            {
                cursor = session.Query(query.Query, query.Decodings);
                rows = QueryRows(cursor, query);
                // A query over the table being written reads all its rows first, as SQLite and PostgreSQL do.
                if (query.ReadsTarget)
                {
                    rows = rows.ToList();
                    cursor.Dispose();
                    cursor = null;
                }
            }
            if (insert.Conflict is { } conflict)
                count = session.Upsert(insert.Table, rows, conflict, written);
            else if (written is not null || insert.Query is not null)
            {
                var counted = new CountingRows(rows);
                session.Insert(insert.Table, counted, written);
                count = counted.Count;
            }
            else
            {
                session.Insert(insert.Table, insert.Rows);
                count = insert.Rows.Count;
            }
        }
        finally
        {
            cursor?.Dispose();
        }
        return Result(session, insert.Table, insert.Returning, written, count);
    }

    public static StatementResult Update(Session session, BoundUpdate update)
    {
        if (update.Computed is not { } computed)
            return new StatementResult(null, Clamp(session.Update(update.Table, update.Assignments, RangeRows.Restrict(session, update.Where, update.Ranges))));
        var written = update.Returning is null ? null : new List<long>();
        long count = session.UpdateRows(update.Table, computed, written);
        return Result(session, update.Table, update.Returning, written, count);
    }

    public static StatementResult Delete(Session session, BoundDelete delete)
    {
        var where = RangeRows.Restrict(session, delete.Where, delete.Ranges);
        if (delete.Returning is not { } returning)
            return new StatementResult(null, Clamp(session.Delete(delete.Table, where)));
        // The deleted rows as they were: read before they go.
        var ids = new List<long>();
        using (var cursor = session.Select(new RowQuery(delete.Table, [new RowIdExpr()], where, [], null, null)))
            while (cursor.Read())
                ids.Add((long)cursor.GetValue(0)!);
        var rows = Returned(session, delete.Table, returning, ids);
        long count = session.Delete(delete.Table, where);
        return new StatementResult(new MaterializedResultSet(returning.Columns, rows), Clamp(count));
    }

    private static StatementResult Result(Session session, TableSchema table, BoundReturning? returning, List<long>? written, long count) =>
        returning is null
            ? new StatementResult(null, Clamp(count))
            : new StatementResult(new MaterializedResultSet(returning.Columns, Returned(session, table, returning, written!)), Clamp(count));

    /// <summary>The RETURNING values of the rows written, in the order they were written.</summary>
    private static List<object?[]> Returned(Session session, TableSchema table, BoundReturning returning, List<long> ids)
    {
        var byId = session.FetchRows(table, ids, returning.Projections);
        var rows = new List<object?[]>(ids.Count);
        foreach (long id in ids)
            if (byId.TryGetValue(id, out var row))
                rows.Add(row);
        return rows;
    }

    /// <summary>The rows of an INSERT ... SELECT as the table's rows: defaults, then each output in its column (a vector copied out in the column's encoding, checked for its type and length).</summary>
    /// <remarks>Streamed rows (a query that does not read the target) are written before the next is read, so one row and one buffer per vector column serve them all.</remarks>
    private static IEnumerable<object?[]> QueryRows(RowCursor cursor, InsertQuery query)
    {
        var targets = query.Targets;
        bool reuse = !query.ReadsTarget;
        var buffers = new byte[]?[targets.Count];
        var shared = (object?[])query.Template.Clone();
        while (cursor.Read())
        {
            var row = reuse ? shared : (object?[])query.Template.Clone();
            for (int i = 0; i < targets.Count; i++)
            {
                var column = targets[i];
                if (!column.IsVector)
                {
                    row[column.Ordinal] = cursor.GetValue(i);
                    continue;
                }
                var vector = cursor.GetVectorBytes(i, column.Element, column.Dimensions, out string? actual, reuse ? buffers[i] : null);
                if (reuse && vector is not null)
                    buffers[i] = vector;
                row[column.Ordinal] = vector;
                if (actual is not null)
                {
                    var error = new VecStoreException(ErrorCode.DimensionMismatch, $"column '{column.Name}' is {column.TypeText} and a row's value for it is {actual}");
                    throw query.Locations[i] is { } at ? error.At(at) : error;
                }
            }
            yield return row;
        }
    }

    /// <summary>Counts the rows as Session takes them.</summary>
    private sealed class CountingRows(IEnumerable<object?[]> rows) : IEnumerable<object?[]>
    {
        public long Count { get; private set; }

        public IEnumerator<object?[]> GetEnumerator()
        {
            foreach (var row in rows)
            {
                Count++;
                yield return row;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static int Clamp(long count) => count > int.MaxValue ? int.MaxValue : (int)count;
}
