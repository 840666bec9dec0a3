using Microsoft.Data.Sqlite;

namespace VecStore.Storage.Metadata;

/// <summary>One SQLite connection to the <c>.vdb</c> file, with its prepared statements kept for reuse.</summary>
/// <remarks>
/// Every statement VecStore sends to SQLite goes through here. SQL text is built only from
/// VecStore's own constants and catalog ids; every value is a bound parameter. Transactions are
/// controlled with SQL (<c>BEGIN</c>, <c>SAVEPOINT</c>) so cached commands need no transaction object.
/// Not thread-safe: one per session.
/// </remarks>
internal sealed class MetadataConnection : IDisposable
{
    private const int MaxCachedCommands = 256;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

    public MetadataConnection(string connectionString, string displayName, int busyTimeoutSeconds)
    {
        DisplayName = displayName;
        _connection = new SqliteConnection(connectionString) { DefaultTimeout = busyTimeoutSeconds };
        try
        {
            _connection.Open();
            // SQLite waits for other writers itself, for the raw statements as well as for commands.
            SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, checked(busyTimeoutSeconds * 1000));
            // Per connection: FULL makes a returned commit survive power loss in WAL mode; a 32 MiB
            // page cache keeps a large transaction from spilling pages to the WAL before it commits.
            Execute("PRAGMA synchronous=FULL");
            Execute("PRAGMA cache_size=-32768");
            // After a bulk load SQLite's WAL file would keep its peak size; let checkpoints cut it back.
            Execute("PRAGMA journal_size_limit=33554432");
        }
        catch (SqliteException ex)
        {
            _connection.Dispose();
            throw SqliteErrors.Translate(ex, displayName, "opening the database");
        }
    }

    /// <summary>The database name used in messages.</summary>
    public string DisplayName { get; }

    /// <summary>A prepared command for this text; its parameters are named <c>$0</c>, <c>$1</c>, ...</summary>
    /// <remarks>The caller sets parameter values and executes; the command is reused by later calls.</remarks>
    public SqliteCommand Command(string sql, int parameterCount)
    {
        if (_commands.TryGetValue(sql, out var cached))
            return cached;
        if (_commands.Count >= MaxCachedCommands)
            ClearCache();
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < parameterCount; i++)
            command.Parameters.Add(new SqliteParameter(ParameterName(i), null));
        _commands[sql] = command;
        return command;
    }

    /// <summary>The name of positional parameter <paramref name="i"/> in SQL text built by VecStore.</summary>
    public static string ParameterName(int i) => i switch
    {
        0 => "$0", 1 => "$1", 2 => "$2", 3 => "$3", 4 => "$4", 5 => "$5", 6 => "$6", 7 => "$7",
        _ => "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Runs a statement without parameters (transaction control, DDL made from ids).</summary>
    public void Execute(string sql) => Statement(sql).Execute([]);

    /// <summary>Starts a write transaction, waiting at most <paramref name="timeout"/> for other writers; false when they kept the lock.</summary>
    public bool TryBeginImmediate(TimeSpan timeout)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.CommandTimeout = Math.Max(1, (int)timeout.TotalSeconds);
        try
        {
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return false;
        }
    }

    /// <summary>Rolls back the open transaction, if SQLite still has one, and never throws: for cleaning up after an error that must be the one reported.</summary>
    /// <remarks>
    /// After SQLITE_FULL or an I/O error SQLite may have rolled back by itself; a plain ROLLBACK would
    /// then fail with "cannot rollback - no transaction is active" and hide the real cause.
    /// </remarks>
    public void RollbackIfActive()
    {
        try
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // Nothing more can be undone from here; the error being handled says why.
        }
    }

    /// <summary>Runs a statement with parameter values and returns the number of rows changed.</summary>
    public int Execute(string sql, ReadOnlySpan<object?> values) => Statement(sql).Execute(values);

    /// <summary>Runs a statement with parameter values and returns the first column of the first row (null when none).</summary>
    public object? Scalar(string sql, ReadOnlySpan<object?> values) => Statement(sql).Scalar(values);

    /// <summary>Runs a query on SQLite's handle and returns its rows; dispose them before running the same text again.</summary>
    internal RawStatement.RawRows Rows(string sql, ReadOnlySpan<object?> values) => Statement(sql).Rows(values);

    private RawStatement Statement(string sql)
    {
        if (_statements.TryGetValue(sql, out var statement))
            return statement;
        if (_statements.Count >= MaxCachedCommands)
            ClearCache();
        statement = new RawStatement(_connection.Handle!, sql);
        _statements[sql] = statement;
        return statement;
    }

    /// <summary>Runs a query with parameter values; the reader must be disposed before the next use of the same text.</summary>
    public SqliteDataReader Query(string sql, ReadOnlySpan<object?> values) => Bind(sql, values).ExecuteReader();

    /// <summary>A command with its values bound.</summary>
    public SqliteCommand Bind(string sql, ReadOnlySpan<object?> values)
    {
        if (values.Length > Limits.MaxBoundValues)
            throw new VecStoreException(ErrorCode.LimitExceeded, $"the statement needs {values.Length:N0} values bound in SQLite, more than its limit of {Limits.MaxBoundValues:N0}; use fewer literals and parameters in the condition");
        var command = Command(sql, values.Length);
        var parameters = command.Parameters;
        for (int i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    /// <summary>Drops cached statements (after a schema change they would be re-prepared anyway).</summary>
    public void ClearCache()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
    }

    /// <summary>Copies the database, as this connection's open read transaction sees it, into a new single SQLite file (SQLite's online backup).</summary>
    /// <remarks>
    /// The copy is switched to a rollback journal, so the whole image is the one file at
    /// <paramref name="destinationPath"/> (no <c>-wal</c> beside it); opening it writable turns WAL on again.
    /// <paramref name="destinationPath"/> must be absolute, so SQLite never reads it as a URI.
    /// </remarks>
    public void CopyTo(string destinationPath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var destination = new SqliteConnection(builder.ToString());
        destination.Open();
        _connection.BackupDatabase(destination);
        using var command = destination.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE";
        command.ExecuteScalar();
    }

    public void Dispose()
    {
        ClearCache();
        _connection.Dispose();
    }
}
