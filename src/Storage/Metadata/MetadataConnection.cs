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

    // SQLite calls the progress handler after about this many virtual-machine steps: every 10 to
    // 100 µs of its work, so a stop takes effect at once while the call costs nothing measurable.
    private const int InterruptCheckSteps = 10_000;

    // BACKUP copies the SQLite file this many pages per step (4 MiB of 4 KiB pages) between checks.
    private const int BackupPagesPerStep = 1024;

    // A statement waiting for the write lock waits in slices of this length, looking between them
    // whether it was stopped (SQLitePCLRaw offers no busy handler to look from).
    private const int WriteLockWaitSliceMs = 100;

    private readonly SqliteConnection _connection;
    private readonly int _busyTimeoutMs;
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
            _busyTimeoutMs = checked(busyTimeoutSeconds * 1000);
            SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, _busyTimeoutMs);
            SQLitePCL.raw.sqlite3_progress_handler(_connection.Handle, InterruptCheckSteps, StopsSqlite, this);
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

    /// <summary>SQLite's handle of the connection (a <c>sqlite3*</c>), for registering VecStore's SQL functions.</summary>
    public IntPtr NativeHandle => _connection.Handle!.DangerousGetHandle();

    /// <summary>The monitor whose stop interrupts the statement SQLite is running (it then fails with SQLITE_INTERRUPT); null while no interrupt is safe.</summary>
    /// <remarks>
    /// SQLite undoes an interrupted statement that writes by rolling back the whole transaction, so
    /// the session sets this only for a statement that is its own transaction, or that only reads;
    /// inside an explicit transaction a writing statement stops between its SQLite steps instead.
    /// </remarks>
    public StatementMonitor? Interrupts { get; set; }

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

    /// <summary>Starts a write transaction (<c>BEGIN IMMEDIATE</c>), waiting for other writers up to the busy timeout unless <paramref name="monitor"/>'s statement stops first.</summary>
    /// <exception cref="SqliteException">SQLITE_BUSY when the lock stayed taken past the busy timeout, or when the statement stopped while waiting.</exception>
    public void BeginImmediate(StatementMonitor monitor)
    {
        if (ReferenceEquals(monitor, StatementMonitor.None))
        {
            Execute("BEGIN IMMEDIATE");
            return;
        }
        long started = Environment.TickCount64;
        SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, WriteLockWaitSliceMs);
        try
        {
            while (true)
            {
                try
                {
                    Execute("BEGIN IMMEDIATE");
                    return;
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6
                    && !monitor.IsStopped && Environment.TickCount64 - started < _busyTimeoutMs)
                {
                    // Another writer still holds the lock: look again after the next slice.
                }
            }
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, _busyTimeoutMs);
        }
    }

    /// <summary>Starts a write transaction, waiting at most <paramref name="timeout"/> for other writers; false when they kept the lock.</summary>
    /// <remarks>
    /// SQLite's own busy timeout (the connection's, <c>Default Timeout</c>) is what waits, so it is
    /// set to <paramref name="timeout"/> for this one statement; a command's CommandTimeout would
    /// only add retries on top of it (zero: no wait at all).
    /// </remarks>
    public bool TryBeginImmediate(TimeSpan timeout)
    {
        SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, (int)Math.Clamp(timeout.TotalMilliseconds, 0, _busyTimeoutMs));
        try
        {
            Execute("BEGIN IMMEDIATE");
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return false;
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(_connection.Handle, _busyTimeoutMs);
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
    /// The pages are copied a few megabytes at a time, reported through <paramref name="monitor"/>,
    /// which may stop the copy between steps (the caller deletes the partial file).
    /// </remarks>
    public void CopyTo(string destinationPath, StatementMonitor monitor)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var destination = new SqliteConnection(builder.ToString());
        destination.Open();
        var backup = SQLitePCL.raw.sqlite3_backup_init(destination.Handle, "main", _connection.Handle, "main")
            ?? throw RawStatement.Error(destination.Handle!, SQLitePCL.raw.sqlite3_errcode(destination.Handle));
        try
        {
            // The page count is known once the first step ran.
            monitor.Begin("copying the SQLite file (pages)", 0);
            int rc;
            while ((rc = SQLitePCL.raw.sqlite3_backup_step(backup, BackupPagesPerStep)) == SQLitePCL.raw.SQLITE_OK)
            {
                int total = SQLitePCL.raw.sqlite3_backup_pagecount(backup);
                monitor.Report(total - SQLitePCL.raw.sqlite3_backup_remaining(backup), total);
            }
            if (rc != SQLitePCL.raw.SQLITE_DONE)
                throw RawStatement.Error(destination.Handle!, rc);
            int pages = SQLitePCL.raw.sqlite3_backup_pagecount(backup);
            monitor.Report(pages, pages);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_backup_finish(backup);
        }
        using var command = destination.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE";
        command.ExecuteScalar();
    }

    private static int StopsSqlite(object state) => ((MetadataConnection)state).Interrupts is { IsStopped: true } ? 1 : 0;



    public void Dispose()
    {
        ClearCache();
        _connection.Dispose();
    }
}
