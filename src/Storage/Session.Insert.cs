using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// INSERT: one SQLite row per row, one log record per vector, in the statement's transaction.
public sealed partial class Session
{
    // Row-by-row loops (INSERT, UPDATE and DELETE of many rows) look at the monitor this often:
    // a thousandth of a row's cost, and a stop within a few milliseconds.
    private const int RowsBetweenStopChecks = 1024;

    private byte[] _vectorScratch = [];

    /// <summary>Inserts rows; each holds a value for every column of the table, in column order.</summary>
    /// <remarks>
    /// Values are already of the column's type (the binder converts): long, double, string, byte[],
    /// bool, and float[] or ReadOnlyMemory&lt;float&gt; for vectors (finite, of the column's length), or null.
    /// A null INTEGER PRIMARY KEY takes the next row id, as in SQLite.
    /// </remarks>
    /// <param name="written">When given, receives the row id of each row inserted, in order (for RETURNING).</param>
    /// <returns>The row id of the last row inserted.</returns>
    public long Insert(TableSchema table, IEnumerable<object?[]> rows, List<long>? written = null)
    {
        var scope = RequireWriteStatement();
        string sql = InsertSql(table);
        var values = new object?[table.Columns.Count];
        long rowId = 0;
        long inserted = 0;
        // Many rows report as a stage of their own; a bulk load (rows as they come) reports itself.
        if (rows is IReadOnlyCollection<object?[]> { Count: >= RowsBetweenStopChecks } known)
            _monitor.Begin("inserting rows", known.Count);
        foreach (var row in rows)
        {
            if ((++inserted & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.Report(inserted);
            rowId = InsertRow(scope, table, sql, values, row);
            written?.Add(rowId);
        }
        return rowId;
    }

    /// <summary>Inserts one row (values of every column in order) with the prepared text of <see cref="InsertSql"/>; <paramref name="values"/> is scratch space of one value per column.</summary>
    private long InsertRow(StatementScope scope, TableSchema table, string sql, object?[] values, object?[] row)
    {
        var columns = table.Columns;
        if (row.Length != columns.Count)
            throw new ArgumentException("a row must hold one value per column", nameof(row));
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            object? value = row[i];
            if (column.IsVector)
                values[i] = value is null ? null : scope.AllocateSlot(column);
            else
                values[i] = value is bool b ? (b ? 1L : 0L) : value;
        }
        try
        {
            long rowId = (long)_db.Scalar(sql, values)!;
            for (int i = 0; i < columns.Count; i++)
                if (columns[i].IsVector && row[i] is { } vector)
                    scope.LogBytes += LogVector(columns[i], (long)values[i]!, rowId, VectorBytes(vector));
            return rowId;
        }
        catch (SqliteException ex)
        {
            throw RowError(ex, table, row, "inserting a row");
        }
    }

    private static string InsertSql(TableSchema table)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table.StorageName).Append(" (");
        for (int i = 0; i < table.Columns.Count; i++)
            sql.Append(i == 0 ? "\"" : ", \"").Append(table.Columns[i].StorageName).Append('"');
        sql.Append(") VALUES (");
        for (int i = 0; i < table.Columns.Count; i++)
            sql.Append(i == 0 ? "" : ", ").Append(MetadataConnection.ParameterName(i));
        return sql.Append(") RETURNING rowid").ToString();
    }

    private long LogVector(ColumnSchema column, long slot, long rowId, ReadOnlySpan<byte> vector)
    {
        if (vector.Length != column.VectorBytes)
            throw new ArgumentException($"column '{column.Name}' stores vectors of {column.VectorBytes} bytes, not {vector.Length}");
        if (_vectorScratch.Length != vector.Length)
            _vectorScratch = new byte[vector.Length];
        VectorLog.AppendVector(_db, column.ColumnId, slot, rowId, vector, _vectorScratch);
        _scope?.ForgetView(column.ColumnId);
        return vector.Length;
    }

    /// <summary>A vector value in its column's element encoding, as raw bytes.</summary>
    /// <remarks>float[] (or memory of floats) for VECTOR, Half[] for VECTOR HALF, ulong[] packed bits for BIT: the binder converts.</remarks>
    internal static ReadOnlySpan<byte> VectorBytes(object value) => value switch
    {
        float[] array => MemoryMarshal.AsBytes(array.AsSpan()),
        ReadOnlyMemory<float> memory => MemoryMarshal.AsBytes(memory.Span),
        Memory<float> memory => MemoryMarshal.AsBytes(memory.Span),
        Half[] halves => MemoryMarshal.AsBytes(halves.AsSpan()),
        ulong[] words => MemoryMarshal.AsBytes(words.AsSpan()),
        // Already in the column's element encoding (a vector copied from another column or computed by SQL).
        byte[] raw => raw,
        _ => throw new ArgumentException("a vector value must be float[], Half[] or ulong[] in its column's encoding, not " + value.GetType().Name),
    };

    // SQLite names columns by id in its messages; say which of the user's columns and values failed.
    private VecStoreException RowError(SqliteException ex, TableSchema table, object?[]? row, string what)
    {
        var error = SqliteErrors.Translate(ex, DisplayName, what);
        switch (error.Code)
        {
            case ErrorCode.DuplicateKey when row is not null && table.PrimaryKey.Count > 0:
            {
                var key = new StringBuilder();
                foreach (var c in table.PrimaryKey)
                    key.Append(key.Length == 0 ? "" : ", ").Append(Identifiers.Quote(c.Name)).Append(" = ").Append(SqlLiterals.Format(row[c.Ordinal]));
                return new VecStoreException(ErrorCode.DuplicateKey, $"table '{table.Name}' already has a row with {key}", inner: ex);
            }
            case ErrorCode.DuplicateKey:
                return new VecStoreException(ErrorCode.DuplicateKey, $"table '{table.Name}' already has a row with that primary key", inner: ex);
            case ErrorCode.NotNullViolation:
                return new VecStoreException(ErrorCode.NotNullViolation,
                    $"column '{ColumnNamed(table, ex.Message)}' of table '{table.Name}' cannot be NULL", inner: ex);
            case ErrorCode.TypeMismatch:
                return new VecStoreException(ErrorCode.TypeMismatch,
                    $"a value for column '{ColumnNamed(table, ex.Message)}' of table '{table.Name}' does not have its type", inner: ex);
            default:
                return error;
        }
    }

    private static string ColumnNamed(TableSchema table, string sqliteMessage)
    {
        foreach (var c in table.Columns)
            if (sqliteMessage.Contains("." + c.StorageName, StringComparison.Ordinal))
                return c.Name;
        return "?";
    }
}
