using System.Collections;
using System.Data;
using System.Data.Common;
using System.Globalization;
using VecStore.QueryLanguage.Execution;
using VecStore.Storage;

namespace VecStore;

/// <summary>Reads the rows a <see cref="VecStoreCommand"/> returns; vectors come back as <c>float[]</c>.</summary>
/// <remarks>
/// <see cref="GetFieldValue{T}"/> gives a vector as any type VecStore takes vectors in (double[],
/// Half[], lists, memory, Embedding&lt;T&gt;; bits as BitArray or BinaryEmbedding; see
/// <see cref="VectorOutputs"/>).
/// Statements that return no rows run as the reader reaches them (<see cref="NextResult"/>);
/// <see cref="Close"/> runs the statements after the last result set read. A statement that fails
/// ends the command: the error is thrown by the call that ran it (<c>ExecuteReader</c>,
/// <see cref="NextResult"/>, <see cref="Read"/> or <see cref="Close"/>), and no later statement of
/// the command runs, not even when the reader is closed. Statements before the failing one keep
/// their effect. While a reader is open its statement holds a read snapshot; close it before
/// running the next command on the same connection. The command's <c>CommandTimeout</c> bounds
/// each <see cref="Read"/> and <see cref="NextResult"/>, and its <c>Cancel</c> stops the one running.
/// </remarks>
public sealed partial class VecStoreDataReader : DbDataReader, IDbColumnSchemaGenerator
{
    private readonly CommandRunner _runner;
    private readonly CommandBehavior _behavior;
    private readonly VecStoreConnection? _connection;
    private IResultSet? _current;
    private bool _pendingRow;
    private bool _onRow;
    private bool _hasRows;
    private int _recordsAffected = -1;
    private bool _closed;

    private VecStoreDataReader(VecStoreConnection? connection, CommandRunner runner, CommandBehavior behavior)
    {
        _connection = connection;
        _runner = runner;
        _behavior = behavior;
    }

    internal static VecStoreDataReader Create(VecStoreCommand? command, VecStoreConnection? connection, CommandRunner runner, CommandBehavior behavior)
    {
        var reader = new VecStoreDataReader(connection ?? command?.Connection, runner, behavior);
        try
        {
            reader.AdvanceTimed();
        }
        catch
        {
            reader.Close();
            throw;
        }
        return reader;
    }

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override int FieldCount => _current?.Columns.Count ?? 0;

    /// <inheritdoc />
    public override bool HasRows => _hasRows;

    /// <inheritdoc />
    public override bool IsClosed => _closed;

    /// <inheritdoc />
    public override int RecordsAffected => _recordsAffected;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <inheritdoc />
    public override bool Read()
    {
        if (_closed || _current is null)
            return false;
        if (_pendingRow)
        {
            _pendingRow = false;
            _onRow = true;
            return true;
        }
        var monitor = _runner.Monitor;
        monitor.Enter(armToken: false);
        try
        {
            _onRow = ReadRow();
        }
        finally
        {
            monitor.Exit();
        }
        return _onRow;
    }

    /// <inheritdoc />
    public override Task<bool> ReadAsync(CancellationToken cancellationToken) =>
        AsyncExecution.Run(static (reader, token) =>
        {
            using var link = reader._runner.Monitor.Link(token);
            return reader.Read();
        }, this, cancellationToken);

    /// <inheritdoc />
    public override bool NextResult()
    {
        if (_closed)
            return false;
        _current?.Dispose();
        _current = null;
        AdvanceTimed();
        return _current is not null;
    }

    /// <inheritdoc />
    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) =>
        AsyncExecution.Run(static (reader, token) =>
        {
            using var link = reader._runner.Monitor.Link(token);
            return reader.NextResult();
        }, this, cancellationToken);

    /// <inheritdoc />
    public override string GetName(int ordinal) => Columns[ordinal].Name;

    /// <inheritdoc />
    public override int GetOrdinal(string name)
    {
        var columns = Columns;
        for (int i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
                return i;
        for (int i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        throw new IndexOutOfRangeException($"the result has no column named '{name}'");
    }

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => Columns[ordinal].TypeName;

    /// <inheritdoc />
    public override Type GetFieldType(int ordinal)
    {
        var type = Columns[ordinal].ClrType;
        if (type == typeof(object) && (_onRow || _pendingRow) && _current!.GetValue(ordinal) is { } value)
            return value.GetType();
        return type;
    }

    /// <inheritdoc />
    public override object GetValue(int ordinal) => Current(ordinal) ?? DBNull.Value;

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        int n = Math.Min(values.Length, FieldCount);
        for (int i = 0; i < n; i++)
            values[i] = GetValue(i);
        return n;
    }

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => Current(ordinal) is null;

    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => Current(ordinal) switch
    {
        bool b => b,
        long l => l != 0,
        var v => Convert.ToBoolean(NotNull(v, ordinal), CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override byte GetByte(int ordinal) => Convert.ToByte(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])NotNull(Current(ordinal), ordinal);
        if (buffer is null)
            return bytes.Length;
        int n = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    /// <inheritdoc />
    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
            return text.Length;
        int n = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override double GetDouble(int ordinal) => Convert.ToDouble(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override float GetFloat(int ordinal) => Convert.ToSingle(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => Current(ordinal) switch
    {
        byte[] { Length: 16 } bytes => new Guid(bytes),
        var v => Guid.Parse(Convert.ToString(NotNull(v, ordinal), CultureInfo.InvariantCulture)!),
    };

    /// <inheritdoc />
    public override short GetInt16(int ordinal) => Convert.ToInt16(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override int GetInt32(int ordinal) => Convert.ToInt32(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override long GetInt64(int ordinal) => Convert.ToInt64(NotNull(Current(ordinal), ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string GetString(int ordinal) => Current(ordinal) switch
    {
        string s => s,
        var v => Convert.ToString(NotNull(v, ordinal), CultureInfo.InvariantCulture)!,
    };

    /// <summary>A vector column's value as <c>float[]</c>.</summary>
    public float[] GetVector(int ordinal) => (float[])NotNull(Current(ordinal), ordinal);

    /// <inheritdoc />
    public override T GetFieldValue<T>(int ordinal)
    {
        var value = Current(ordinal);
        if (value is T typed)
            return typed;
        if (value is null)
        {
            if (default(T) is null)
                return default!;
            throw new InvalidCastException($"column '{GetName(ordinal)}' is NULL");
        }
        // Vectors as any type VecStore takes them in (VectorOutputs); a clear error for the rest.
        var column = Columns[ordinal];
        if (VectorOutputs.TryConvert(value, column.Name, column.TypeName, out T vector))
            return vector;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <inheritdoc />
    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        try
        {
            _current?.Dispose();
            _current = null;
            // Statements after the last result set still run, as ADO.NET readers do; none runs
            // once one has failed (the runner has stopped), and one failing here ends the rest.
            _runner.Monitor.Enter(armToken: true);
            try
            {
                while (_runner.Next() is { } rest)
                    rest.Rows?.Dispose();
            }
            finally
            {
                _runner.Monitor.Exit();
            }
        }
        finally
        {
            if ((_behavior & CommandBehavior.CloseConnection) != 0)
                _connection?.Close();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    private IReadOnlyList<QueryLanguage.Binding.Bound.OutputColumn> Columns
        => _current?.Columns ?? throw new InvalidOperationException("the reader has no current result set");

    private object? Current(int ordinal)
    {
        if (!_onRow || _current is null)
            throw new InvalidOperationException("the reader is not on a row; call Read first");
        return _current.GetValue(ordinal);
    }

    private static object NotNull(object? value, int ordinal)
        => value ?? throw new InvalidCastException($"the value of column {ordinal} is NULL");

    // Advance, timed as one call (CommandTimeout).
    private void AdvanceTimed()
    {
        var monitor = _runner.Monitor;
        monitor.Enter(armToken: true);
        try
        {
            Advance();
        }
        finally
        {
            monitor.Exit();
        }
    }

    // Moves the current result set on; an error while reading rows ends the command, as a failed statement does.
    private bool ReadRow()
    {
        try
        {
            return _current!.Read();
        }
        catch (Exception ex)
        {
            _runner.Stop();
            var failed = _current;
            _current = null;
            _onRow = _pendingRow = false;
            try
            {
                failed?.Dispose();
            }
            catch (Exception cleanup) when (cleanup is not OutOfMemoryException)
            {
                // The read's own error is the one to report; the result set is gone either way.
            }
            // SQLite was interrupted while streaming rows: say why the statement stopped.
            if (ex is VecStoreException { Code: ErrorCode.Cancelled, Location: null } && _runner.Monitor.IsStopped)
                throw _runner.Monitor.Stop();
            throw;
        }
    }

    // Runs statements until one returns rows, and looks ahead one row so HasRows is known.
    private void Advance()
    {
        _onRow = false;
        _pendingRow = false;
        _hasRows = false;
        while (_runner.Next() is { } result)
        {
            if (result.RecordsAffected >= 0)
                _recordsAffected = (_recordsAffected < 0 ? 0 : _recordsAffected) + result.RecordsAffected;
            if (result.Rows is not null)
            {
                _current = result.Rows;
                _pendingRow = _hasRows = ReadRow();
                return;
            }
        }
    }
}
