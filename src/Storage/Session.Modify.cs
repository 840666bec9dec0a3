using System.Text;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// UPDATE and DELETE.
public sealed partial class Session
{
    /// <summary>Updates the rows that match <paramref name="where"/> (all rows when null); returns how many.</summary>
    public long Update(TableSchema table, IReadOnlyList<Assignment> assignments, SqlExpr? where)
    {
        var scope = RequireWriteStatement();
        bool touchesVectors = false;
        foreach (var a in assignments)
            touchesVectors |= a.Column.IsVector;
        try
        {
            if (!touchesVectors)
            {
                var writer = new SqlWriter().Append("UPDATE ").Append(table.StorageName).Append(" SET ");
                AppendScalarAssignments(writer, assignments);
                AppendWhere(writer, where);
                return InSqlite("updating rows", () => _db.Execute(writer.Text, writer.Values));
            }

            // Vectors move through the log one row at a time, so find the rows (and their slots) first.
            var vectorColumns = new List<ColumnSchema>();
            foreach (var a in assignments)
                if (a.Column.IsVector)
                    vectorColumns.Add(a.Column);
            var targets = RowsWithSlots(table, vectorColumns, where);

            var update = new SqlWriter().Append("UPDATE ").Append(table.StorageName).Append(" SET ");
            bool any = AppendScalarAssignments(update, assignments);
            int fixedCount = update.Values.Length;
            // The slot of each vector column and the row id are the last parameters, set per row.
            foreach (var column in vectorColumns)
            {
                update.Append(any ? ", " : "").AppendColumn(column).Append(" = ").AppendValue(null);
                any = true;
            }
            update.Append(" WHERE rowid = ").AppendValue(null);
            string sql = update.Text;
            var values = update.Values;

            long updated = 0;
            _monitor.Begin("updating rows", targets.Count);
            foreach (var (rowId, slots) in targets)
            {
                if ((++updated & (RowsBetweenStopChecks - 1)) == 0)
                    _monitor.Report(updated);
                for (int i = 0; i < vectorColumns.Count; i++)
                {
                    var column = vectorColumns[i];
                    object? newValue = ValueOf(assignments, column);
                    long? slot = slots[i];
                    if (newValue is null)
                    {
                        if (slot is long old)
                        {
                            VectorLog.AppendFree(_db, column.ColumnId, old, rowId);
                            scope.FreeSlot(column, old);
                        }
                        values[fixedCount + i] = null;
                    }
                    else
                    {
                        long target = slot ?? scope.AllocateSlot(column);
                        scope.LogBytes += LogVector(column, target, rowId, VectorBytes(newValue));
                        values[fixedCount + i] = target;
                    }
                }
                values[^1] = rowId;
                _db.Execute(sql, values);
            }
            return targets.Count;
        }
        catch (SqliteException ex)
        {
            throw RowError(ex, table, null, "updating rows");
        }
    }

    /// <summary>Deletes the rows that match <paramref name="where"/> (all rows when null) and frees their vectors; returns how many.</summary>
    public long Delete(TableSchema table, SqlExpr? where)
    {
        var scope = RequireWriteStatement();
        try
        {
            if (table.VectorColumns.Count > 0)
            {
                long freed = 0;
                var targets = RowsWithSlots(table, table.VectorColumns, where);
                _monitor.Begin("freeing the vectors of deleted rows", targets.Count);
                foreach (var (rowId, slots) in targets)
                {
                    if ((++freed & (RowsBetweenStopChecks - 1)) == 0)
                        _monitor.Report(freed);
                    for (int i = 0; i < slots.Length; i++)
                    {
                        if (slots[i] is long slot)
                        {
                            VectorLog.AppendFree(_db, table.VectorColumns[i].ColumnId, slot, rowId);
                            scope.FreeSlot(table.VectorColumns[i], slot);
                        }
                    }
                }
            }
            var writer = new SqlWriter().Append("DELETE FROM ").Append(table.StorageName);
            AppendWhere(writer, where);
            return InSqlite("deleting rows", () => _db.Execute(writer.Text, writer.Values));
        }
        catch (SqliteException ex)
        {
            throw RowError(ex, table, null, "deleting rows");
        }
    }

    /// <summary>Runs one SQLite statement that may touch many rows as a stage of its own.</summary>
    /// <remarks>
    /// SQLite's progress handler interrupts it when the statement stops, where that is safe; inside
    /// an explicit transaction it runs to its end and the stop takes effect right after it (the
    /// statement is then rolled back to its savepoint like any failed one).
    /// </remarks>
    private int InSqlite(string stage, Func<int> step)
    {
        _monitor.Begin(stage, 0);
        int changed = step();
        _monitor.ThrowIfStopped();
        return changed;
    }

    private List<(long RowId, long?[] Slots)> RowsWithSlots(TableSchema table, IReadOnlyList<ColumnSchema> vectorColumns, SqlExpr? where)
    {
        var writer = new SqlWriter().Append("SELECT rowid");
        foreach (var c in vectorColumns)
            writer.Append(", ").AppendColumn(c);
        writer.Append(" FROM ").Append(table.StorageName);
        AppendWhere(writer, where);
        var rows = new List<(long, long?[])>();
        using var reader = _db.Query(writer.Text, writer.Values);
        while (reader.Read())
        {
            if ((rows.Count & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.ThrowIfStopped();
            var slots = new long?[vectorColumns.Count];
            for (int i = 0; i < slots.Length; i++)
                slots[i] = reader.IsDBNull(i + 1) ? null : reader.GetInt64(i + 1);
            rows.Add((reader.GetInt64(0), slots));
        }
        return rows;
    }

    private static bool AppendScalarAssignments(SqlWriter writer, IReadOnlyList<Assignment> assignments)
    {
        bool any = false;
        foreach (var a in assignments)
        {
            if (a.Column.IsVector)
                continue;
            writer.Append(any ? ", " : "").AppendColumn(a.Column).Append(" = ").AppendExpression(a.Value);
            any = true;
        }
        return any;
    }

    private static void AppendWhere(SqlWriter writer, SqlExpr? where)
    {
        if (where is not null)
            writer.Append(" WHERE ").AppendExpression(where);
    }

    private static object? ValueOf(IReadOnlyList<Assignment> assignments, ColumnSchema column)
    {
        foreach (var a in assignments)
            if (a.Column.ColumnId == column.ColumnId)
                return a.Value is ConstantExpr k ? k.Value : throw new ArgumentException($"vector column '{column.Name}' must be assigned a constant");
        return null;
    }
}
