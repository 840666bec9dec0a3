using System.Text;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// INSERT: one SQLite row per row, one log record per vector, in the statement's transaction.
public sealed partial class Session
{
    private byte[] _vectorScratch = [];

    /// <summary>Inserts rows; each holds a value for every column of the table, in column order.</summary>
    /// <remarks>
    /// Values are already of the column's type (the binder converts): long, double, string, byte[],
    /// bool, and float[] or ReadOnlyMemory&lt;float&gt; for vectors (finite, of the column's length), or null.
    /// A null INTEGER PRIMARY KEY takes the next row id, as in SQLite.
    /// </remarks>
    /// <returns>The row id of the last row inserted.</returns>
    public long Insert(TableSchema table, IEnumerable<object?[]> rows)
    {
        var scope = RequireWriteStatement();
        string sql = InsertSql(table);
        var columns = table.Columns;
        var values = new object?[columns.Count];
        long rowId = 0;
        foreach (var row in rows)
        {
            if (row.Length != columns.Count)
                throw new ArgumentException("a row must hold one value per column", nameof(rows));
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
                rowId = (long)_db.Scalar(sql, values)!;
                for (int i = 0; i < columns.Count; i++)
                    if (columns[i].IsVector && row[i] is { } vector)
                        scope.LogBytes += LogVector(columns[i], (long)values[i]!, rowId, VectorSpan(vector));
            }
            catch (SqliteException ex)
            {
                throw RowError(ex, table, row, "inserting a row");
            }
        }
        return rowId;
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

    private long LogVector(ColumnSchema column, long slot, long rowId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != column.Dimensions)
            throw new ArgumentException($"column '{column.Name}' takes {column.Dimensions} dimensions, not {vector.Length}");
        int bytes = vector.Length * sizeof(float);
        if (_vectorScratch.Length != bytes)
            _vectorScratch = new byte[bytes];
        VectorLog.AppendVector(_db, column.ColumnId, slot, rowId, vector, _vectorScratch);
        return bytes;
    }

    internal static ReadOnlySpan<float> VectorSpan(object value) => value switch
    {
        float[] array => array,
        ReadOnlyMemory<float> memory => memory.Span,
        Memory<float> memory => memory.Span,
        _ => throw new ArgumentException("a vector value must be float[] or ReadOnlyMemory<float>, not " + value.GetType().Name),
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
