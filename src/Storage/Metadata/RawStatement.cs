
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace VecStore.Storage.Metadata;

/// <summary>A statement prepared once on SQLite's own handle and reused: bind by index, step, reset.</summary>
/// <remarks>
/// The hot statements (row and log inserts, savepoints, slot allocation) run here rather than
/// through <see cref="SqliteCommand"/>, which looks every parameter up by name and builds a data
/// reader on each execution; that overhead dominated the insert path. Parameters in the text are
/// named <c>$0</c>, <c>$1</c>, ...; a name may appear more than once.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _index;

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        int rc = raw.sqlite3_prepare_v2(db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
            throw Error(db, rc);
        int count = raw.sqlite3_bind_parameter_count(_statement);
        var index = new List<int>(count);
        for (int k = 0; ; k++)
        {
            int i = raw.sqlite3_bind_parameter_index(_statement, MetadataConnection.ParameterName(k));
            if (i == 0)
                break;
            index.Add(i);
        }
        _index = [.. index];
    }

    /// <summary>Runs the statement to completion; returns the rows it changed.</summary>
    public int Execute(ReadOnlySpan<object?> values)
    {
        Bind(values);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == SqliteRow)
            {
            }
            if (rc != SqliteDone)
                throw Error(_db, rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement and returns the first column of its first row, or null.</summary>
    public object? Scalar(ReadOnlySpan<object?> values)
    {
        Bind(values);
        try
        {
            int rc = raw.sqlite3_step(_statement);
            if (rc == SqliteDone)
                return null;
            if (rc != SqliteRow)
                throw Error(_db, rc);
            object? value = raw.sqlite3_column_type(_statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, 0).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, 0).ToArray(),
                _ => null,
            };
            // Finish the statement so RETURNING clauses and writes complete before the next use.
            while ((rc = raw.sqlite3_step(_statement)) == SqliteRow)
            {
            }
            if (rc != SqliteDone)
                throw Error(_db, rc);
            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Binds the values and returns a cursor over the rows; dispose it before the statement's next use.</summary>
    public RawRows Rows(ReadOnlySpan<object?> values)
    {
        Bind(values);
        return new RawRows(this);
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Rows of a raw statement, read column by column without copying blobs.</summary>
    internal ref struct RawRows
    {
        private readonly RawStatement _owner;

        public RawRows(RawStatement owner) => _owner = owner;

        /// <summary>Steps to the next row; false at the end.</summary>
        public readonly bool MoveNext()
        {
            int rc = raw.sqlite3_step(_owner._statement);
            if (rc == SqliteRow)
                return true;
            if (rc != SqliteDone)
                throw Error(_owner._db, rc);
            return false;
        }

        public readonly bool IsNull(int column) => raw.sqlite3_column_type(_owner._statement, column) == raw.SQLITE_NULL;

        public readonly long Int64(int column) => raw.sqlite3_column_int64(_owner._statement, column);

        public readonly string Text(int column) => raw.sqlite3_column_text(_owner._statement, column).utf8_to_string() ?? "";

        /// <summary>The value of a column as SQLite stored it: null, <c>long</c>, <c>double</c>, <c>string</c> or <c>byte[]</c>.</summary>
        public readonly object? Value(int column) => raw.sqlite3_column_type(_owner._statement, column) switch
        {
            raw.SQLITE_NULL => null,
            raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_owner._statement, column),
            raw.SQLITE_FLOAT => raw.sqlite3_column_double(_owner._statement, column),
            raw.SQLITE_TEXT => Text(column),
            _ => Blob(column).ToArray(),
        };

        /// <summary>The blob in a column; valid until the next step.</summary>
        public readonly ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_owner._statement, column);

        public readonly void Dispose() => raw.sqlite3_reset(_owner._statement);
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != _index.Length)
            throw new ArgumentException($"the statement takes {_index.Length} values, not {values.Length}");
        for (int k = 0; k < values.Length; k++)
        {
            int i = _index[k];
            int rc = values[k] switch
            {
                null => raw.sqlite3_bind_null(_statement, i),
                long l => raw.sqlite3_bind_int64(_statement, i, l),
                int n => raw.sqlite3_bind_int64(_statement, i, n),
                bool b => raw.sqlite3_bind_int64(_statement, i, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(_statement, i, d),
                string s => raw.sqlite3_bind_text(_statement, i, s),
                byte[] bytes => raw.sqlite3_bind_blob(_statement, i, bytes),
                ReadOnlyMemory<byte> memory => raw.sqlite3_bind_blob(_statement, i, memory.Span),
                var other => throw new ArgumentException("cannot bind a value of type " + other.GetType().Name),
            };
            if (rc != raw.SQLITE_OK)
                throw Error(_db, rc);
        }
    }

    // The same exception Microsoft.Data.Sqlite raises, so one translation serves both paths.
    internal static SqliteException Error(sqlite3 db, int rc)
    {
        string message = raw.sqlite3_errmsg(db).utf8_to_string() ?? "error " + rc;
        return new SqliteException($"SQLite Error {rc}: '{message}'.", rc & 0xFF, raw.sqlite3_extended_errcode(db));
    }

}
