using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Functions;
using VecStore.Storage.Metadata;
using VecStore.Storage.Queries;
using VecStore.Storage.Views;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// Writes whose values come from queries: UPDATE ... FROM, assignments computed from stored vectors,
// and INSERT ... ON CONFLICT. Every vector still moves through a slot and the log, one row at a time.
public sealed partial class Session
{
    /// <summary>Updates the rows <paramref name="update"/> chooses with the values it computes; returns how many rows changed.</summary>
    /// <param name="written">When given, receives the row id of each row updated, in order (for RETURNING).</param>
    public long UpdateRows(TableSchema table, RowUpdate update, List<long>? written = null)
    {
        var scope = RequireWriteStatement();
        var layout = new ChangeLayout(table, update);
        var writer = layout.Render(update);
        // Every new value is read before the first write, so each is computed from the rows as they were.
        var changes = new List<RowChange>();
        var seen = new HashSet<long>();
        using (var cursor = Open(writer, layout.Decodings, "reading the new values of rows"))
        {
            while (cursor.Read())
            {
                if ((changes.Count & (RowsBetweenStopChecks - 1)) == 0)
                    _monitor.ThrowIfStopped();
                var change = layout.Read(cursor);
                if (seen.Add(change.RowId))
                    changes.Add(change);
            }
        }
        _monitor.Begin("updating rows", changes.Count);
        var values = new object?[update.Columns.Count + 1];
        long applied = 0;
        foreach (var change in changes)
        {
            if ((++applied & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.Report(applied);
            Apply(scope, table, layout, change, values);
            written?.Add(change.RowId);
        }
        return changes.Count;
    }

    /// <summary>INSERT ... ON CONFLICT: inserts each row whose key no row has; for a row whose key exists, does what <paramref name="conflict"/> says. Returns the rows inserted or updated.</summary>
    /// <remarks>
    /// As in PostgreSQL, DO UPDATE may change a row only once per statement: a second proposed row
    /// with the key of a row this statement already inserted or updated fails the statement
    /// (VECSQL0208), since which of the two would win depends on the order of the rows; DO NOTHING
    /// skips it.
    /// </remarks>
    /// <param name="written">When given, receives the row id of each row inserted or updated, in order (for RETURNING).</param>
    public long Upsert(TableSchema table, IEnumerable<object?[]> rows, ConflictAction conflict, List<long>? written = null)
    {
        var scope = RequireWriteStatement();
        string insertSql = InsertSql(table);
        var insertValues = new object?[table.Columns.Count];

        // DO UPDATE SET col = excluded.col (or a constant) without WHERE, the usual upsert, needs no query per row:
        // the lookup also reads the row's slots, and the proposed values are written as they are.
        bool direct = conflict.Update is { } plain && IsDirect(plain);
        var lookup = new SqlWriter().Append("SELECT rowid");
        if (direct)
            foreach (var c in conflict.Update!.Columns)
                if (c.IsVector)
                    lookup.Append(", ").AppendColumn(c);
        lookup.Append(" FROM ").Append(table.StorageName).Append(" WHERE ");
        for (int i = 0; i < conflict.Key.Count; i++)
            lookup.Append(i == 0 ? "" : " AND ").AppendColumn(conflict.Key[i]).Append(" = ").AppendValue(null);
        string lookupSql = lookup.Text;
        var keyValues = new object?[conflict.Key.Count];

        ChangeLayout? layout = null;
        SqlWriter? updateQuery = null;
        object?[]? queryValues = null;
        object?[]? updateValues = null;
        if (conflict.Update is { } update)
        {
            layout = new ChangeLayout(table, update);
            updateQuery = layout.Render(update);
            queryValues = updateQuery.Values;
            updateValues = new object?[update.Columns.Count + 1];
        }

        var touched = new HashSet<long>();
        long changed = 0, proposed = 0;
        foreach (var row in rows)
        {
            if ((++proposed & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.Report(proposed);
            long? existing = null;
            bool keyed = true;
            for (int i = 0; i < keyValues.Length; i++)
            {
                var value = row[conflict.Key[i].Ordinal];
                keyed &= value is not null;
                keyValues[i] = value is bool b ? (b ? 1L : 0L) : value;
            }
            // A NULL key never conflicts: an INTEGER PRIMARY KEY takes the next row id, any other key fails NOT NULL.
            long?[]? slots = null;
            if (keyed && !direct)
                existing = (long?)_db.Scalar(lookupSql, keyValues);
            else if (keyed)
            {
                using var found = _db.Rows(lookupSql, keyValues);
                if (found.MoveNext())
                {
                    existing = found.Int64(0);
                    slots = new long?[layout!.VectorCount];
                    for (int i = 0; i < slots.Length; i++)
                        slots[i] = found.IsNull(1 + i) ? null : found.Int64(1 + i);
                }
            }
            if (existing is not long rowId)
            {
                long inserted = InsertRow(scope, table, insertSql, insertValues, row);
                touched.Add(inserted);
                written?.Add(inserted);
                changed++;
                continue;
            }
            if (layout is null)
                continue;
            if (!touched.Add(rowId))
            {
                var error = new VecStoreException(ErrorCode.RowChangedTwice,
                    $"ON CONFLICT DO UPDATE would change the row of table '{table.Name}' with {KeyText(conflict.Key, row)} twice in one statement; give each key once (the rows proposed hold it more than once)");
                throw conflict.Location is { } at ? error.At(at) : error;
            }
            if (direct)
            {
                Apply(scope, table, layout, new RowChange(rowId, slots!, layout.DirectValues(row)), updateValues!);
                written?.Add(rowId);
                changed++;
                continue;
            }
            foreach (var (parameter, ordinal) in updateQuery!.RowParameters)
                queryValues![parameter] = ordinal == RowParameterExpr.TargetRowId ? rowId : ParameterValue(table.Columns[ordinal], row[ordinal]);
            RowChange? change = null;
            using (var cursor = OpenWith(updateQuery.Text, queryValues!, layout.Decodings, "reading the new values of a row"))
                if (cursor.Read())
                    change = layout.Read(cursor);
            if (change is null)
                continue;   // DO UPDATE ... WHERE left the row as it is.
            Apply(scope, table, layout, change, updateValues!);
            written?.Add(rowId);
            changed++;
        }
        return changed;
    }

    /// <summary>True when every new value is a proposed value or a constant and the update has no condition: nothing for SQLite to compute.</summary>
    private static bool IsDirect(RowUpdate update)
    {
        foreach (var value in update.Values)
            if (value is not (RowParameterExpr { Ordinal: >= 0 } or ConstantExpr))
                return false;
        return update.Query.First.Where is BinaryExpr { Operator: SqlBinaryOperator.Equal, Left: RowIdExpr, Right: RowParameterExpr { Ordinal: RowParameterExpr.TargetRowId } };
    }

    private static string KeyText(IReadOnlyList<ColumnSchema> key, object?[] row)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in key)
            text.Append(text.Length == 0 ? "" : ", ").Append(Identifiers.Quote(c.Name)).Append(" = ").Append(SqlLiterals.Format(row[c.Ordinal]));
        return text.ToString();
    }

    /// <summary>A proposed row's value as a parameter of SQL: a vector as a vector value, a BOOLEAN as 0 or 1.</summary>
    private static object? ParameterValue(ColumnSchema column, object? value) => value switch
    {
        null => null,
        bool b => b ? 1L : 0L,
        _ when column.IsVector => VectorBlob.Create(column.Element, column.Dimensions, VectorBytes(value)),
        _ => value,
    };

    private RowCursor OpenWith(string sql, object?[] values, ValueDecoding[] decodings, string what)
    {
        var views = new ColumnView?[decodings.Length];
        for (int i = 0; i < decodings.Length; i++)
            if (decodings[i] is { Kind: ValueDecodingKind.VectorSlot, Column: { } column })
                views[i] = View(column);
        try
        {
            return new RowCursor(_db.Query(sql, values), decodings, views, DisplayName);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, what);
        }
    }

    /// <summary>Writes one row's new values: scalars as they are, vectors through the log (at the row's slot, a new slot, or freeing it for NULL).</summary>
    private void Apply(StatementScope scope, TableSchema table, ChangeLayout layout, RowChange change, object?[] values)
    {
        var columns = layout.Columns;
        int vector = 0;
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            object? value = change.Values[i];
            if (!column.IsVector)
            {
                values[i] = value is bool b ? (b ? 1L : 0L) : value;
                continue;
            }
            long? slot = change.Slots[vector++];
            if (value is null)
            {
                if (slot is long old)
                {
                    VectorLog.AppendFree(_db, column.ColumnId, old, change.RowId);
                    scope.FreeSlot(column, old);
                }
                values[i] = null;
            }
            else
            {
                long target = slot ?? scope.AllocateSlot(column);
                scope.LogBytes += LogVector(column, target, change.RowId, VectorBytes(value));
                values[i] = target;
            }
        }
        values[^1] = change.RowId;
        try
        {
            _db.Execute(layout.UpdateSql, values);
        }
        catch (SqliteException ex)
        {
            throw RowError(ex, table, null, "updating rows");
        }
    }

    /// <summary>One row's change: its id, the current slot of each vector column assigned, and the new values (vectors as bytes in the column's encoding).</summary>
    private sealed record RowChange(long RowId, long?[] Slots, object?[] Values);

    /// <summary>How a <see cref="RowUpdate"/>'s query is projected and read, and the UPDATE that applies one row.</summary>
    private sealed class ChangeLayout
    {
        private readonly RowUpdate _update;

        public ChangeLayout(TableSchema table, RowUpdate update)
        {
            _update = update;
            Columns = update.Columns;
            var decodings = new List<ValueDecoding> { ValueDecoding.AsStored };
            foreach (var c in Columns)
                if (c.IsVector)
                {
                    decodings.Add(ValueDecoding.AsStored);
                    VectorCount++;
                }
            for (int i = 0; i < Columns.Count; i++)
                decodings.Add(!Columns[i].IsVector ? ValueDecoding.AsStored
                    : update.Values[i] is VectorColumnExpr stored ? new ValueDecoding(ValueDecodingKind.VectorSlot, stored.Column)
                    : new ValueDecoding(ValueDecodingKind.VectorValue));
            Decodings = [.. decodings];

            var sql = new SqlWriter().Append("UPDATE ").Append(table.StorageName).Append(" SET ");
            for (int i = 0; i < Columns.Count; i++)
                sql.Append(i == 0 ? "" : ", ").AppendColumn(Columns[i]).Append(" = ").AppendValue(null);
            UpdateSql = sql.Append(" WHERE rowid = ").AppendValue(null).Text;
        }

        public IReadOnlyList<ColumnSchema> Columns { get; }

        /// <summary>How many of <see cref="Columns"/> are vector columns.</summary>
        public int VectorCount { get; }

        public ValueDecoding[] Decodings { get; }

        /// <summary>The UPDATE of one row: each column's new value, then the row id.</summary>
        public string UpdateSql { get; }

        /// <summary>The query with the write's projections: row id, current slots, new values.</summary>
        public SqlWriter Render(RowUpdate update)
        {
            var projections = new List<SqlExpr> { new RowIdExpr { Source = update.TargetSource } };
            foreach (var c in Columns)
                if (c.IsVector)
                    projections.Add(new ColumnExpr(c) { Source = update.TargetSource });
            foreach (var value in update.Values)
                projections.Add(value is VectorColumnExpr stored ? stored.Slot : value);
            var query = update.Query with { First = update.Query.First with { Projections = projections } };
            return new SqlWriter().AppendQuery(query);
        }

        /// <summary>The new values of a direct update (see <see cref="IsDirect"/>): the proposed row's values and the constants, as they are.</summary>
        public object?[] DirectValues(object?[] row)
        {
            var values = new object?[Columns.Count];
            for (int i = 0; i < values.Length; i++)
                values[i] = _update.Values[i] is RowParameterExpr p ? row[p.Ordinal] : ((ConstantExpr)_update.Values[i]).Value;
            return values;
        }

        public RowChange Read(RowCursor cursor)
        {
            long rowId = (long)cursor.GetValue(0)!;
            var slots = new long?[VectorCount];
            for (int i = 0; i < slots.Length; i++)
                slots[i] = (long?)cursor.GetValue(1 + i);
            var values = new object?[Columns.Count];
            int first = 1 + VectorCount;
            for (int i = 0; i < values.Length; i++)
            {
                var column = Columns[i];
                if (!column.IsVector)
                {
                    values[i] = cursor.GetValue(first + i);
                    continue;
                }
                values[i] = cursor.GetVectorBytes(first + i, column.Element, column.Dimensions, out string? actual);
                if (actual is not null)
                {
                    var error = new VecStoreException(ErrorCode.DimensionMismatch,
                        $"column '{column.Name}' is {column.TypeText} and the value for it is {actual}");
                    throw _update.Locations[i] is { } at ? error.At(at) : error;
                }
            }
            return new RowChange(rowId, slots, values);
        }
    }
}
