using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Execution;
using VecStore.QueryLanguage.Parsing;
using VecStore.Storage;

namespace VecStore;

/// <summary>A statement (or several, separated by <c>;</c>) to run on a <see cref="VecStoreConnection"/>.</summary>
/// <remarks>
/// <para>
/// The text is parsed once and cached, so a command reused with new parameter values (the fast
/// ingest path: one prepared INSERT in one transaction) pays only for binding and execution.
/// </para>
/// <para>
/// The statements of a text run in order. A statement that fails changes nothing and ends the
/// command: its error is thrown, and no later statement of the text runs, whichever way the
/// command is executed (<see cref="ExecuteNonQuery"/>, <see cref="ExecuteScalar"/>,
/// <see cref="ExecuteReader()"/> and the reader's <c>NextResult</c>, <c>Read</c> and <c>Close</c>,
/// the async forms), as in Microsoft.Data.Sqlite. The statements before it keep their effect;
/// to make a whole text all-or-nothing, run it in a transaction and roll back on error.
/// </para>
/// <para>
/// A running command stops when <see cref="Cancel"/> is called (from another thread), when the
/// token of an async call is cancelled, or when a call runs past <see cref="CommandTimeout"/>:
/// the statement fails with VECSQL0230 (cancelled) or VECSQL0231 (timed out), changes nothing, and
/// no later statement of the command runs. Long statements report their progress to <see cref="Progress"/>.
/// </para>
/// </remarks>
public sealed class VecStoreCommand : DbCommand
{
    private string _commandText = "";
    private ParseResult? _parsed;
    private CommandType _commandType = CommandType.Text;
    private int _commandTimeout;
    private StatementMonitor? _running;

    /// <summary>A command without text or connection.</summary>
    public VecStoreCommand()
    {
    }

    /// <summary>A command with text, on a connection.</summary>
    public VecStoreCommand(string commandText, VecStoreConnection? connection = null)
    {
        CommandText = commandText;
        Connection = connection;
    }

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            _commandText = value ?? "";
            _parsed = null;
        }
    }

    /// <summary>Seconds one call may run before the statement is stopped with VECSQL0231; 0, the default, for no limit.</summary>
    /// <remarks>
    /// Each call into the command is timed on its own: running the statements up to the first result
    /// (ExecuteNonQuery, ExecuteScalar, ExecuteReader), each NextResult, each Read of a streamed row;
    /// the time an application spends between reads does not count. The default is no limit, unlike
    /// the 30 s of server providers: statements run in this process, and building an index over
    /// millions of vectors legitimately takes minutes. Waiting for another writer's lock is bounded
    /// by the connection string's <c>Default Timeout</c> (30 s), which is what Microsoft.Data.Sqlite's
    /// CommandTimeout covers, and by this limit when it is shorter.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public override int CommandTimeout
    {
        get => _commandTimeout;
        set => _commandTimeout = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "CommandTimeout is 0 (no limit) or a number of seconds");
    }

    /// <summary>Receives the progress of long statements (CREATE INDEX, VACUUM, BACKUP, RESTORE, CHECK, ANALYZE): their stage, and how far it got.</summary>
    /// <remarks>
    /// When null, the connection's <see cref="VecStoreConnection.Progress"/> is used. Reports come
    /// one at a time but may come from an index build's worker threads; <see cref="Cancel"/> may be
    /// called from inside a report.
    /// </remarks>
    public IProgress<VecStoreProgress>? Progress { get; set; }

    /// <summary>Always runs the text as statements; <see cref="CommandType.StoredProcedure"/> is accepted and means the same.</summary>
    /// <remarks>
    /// VecStore has no stored procedures. Dapper marks a one-word command (<c>CHECKPOINT</c>, <c>VACUUM</c>)
    /// as a stored procedure, so that type runs the text as a statement instead of failing.
    /// </remarks>
    public override CommandType CommandType
    {
        get => _commandType;
        set => _commandType = value is CommandType.Text or CommandType.StoredProcedure
            ? value
            : throw new VecStoreException(ErrorCode.UnsupportedOperation, $"command type {value} is not supported; VecStore runs text commands");
    }

    /// <summary>The connection the command runs on.</summary>
    public new VecStoreConnection? Connection { get; set; }

    /// <summary>The transaction the command runs in (the connection's open transaction when not set).</summary>
    public new VecStoreTransaction? Transaction { get; set; }

    /// <summary>The values for the statement's parameters.</summary>
    public new VecStoreParameterCollection Parameters { get; } = new();

    /// <inheritdoc />
    public override bool DesignTimeVisible { get; set; }

    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = value switch
        {
            null => null,
            VecStoreConnection c => c,
            _ => throw new ArgumentException("a VecStoreCommand needs a VecStoreConnection", nameof(value)),
        };
    }

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction
    {
        get => Transaction;
        set => Transaction = value switch
        {
            null => null,
            VecStoreTransaction t => t,
            _ => throw new ArgumentException("a VecStoreCommand needs a VecStoreTransaction", nameof(value)),
        };
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => Parameters;

    /// <summary>Parses the text now, so errors appear here and later executions skip the parser.</summary>
    public override void Prepare() => _parsed = Parse(_commandText, Parameters.Items);

    /// <summary>The parsed text; a syntax error in a list Dapper expanded from a parameter says so.</summary>
    internal static ParseResult Parse(string text, IReadOnlyList<VecStoreParameter> parameters)
    {
        try
        {
            return ParseCache.Get(text);
        }
        catch (VecStoreException error)
        {
            throw DapperListExpansion.Explain(error, parameters);
        }
    }

    /// <summary>Runs the command and returns a reader over its result sets.</summary>
    public new VecStoreDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    /// <summary>Runs the command and returns a reader over its result sets.</summary>
    public new VecStoreDataReader ExecuteReader(CommandBehavior behavior) => ExecuteReader(behavior, CancellationToken.None);

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    /// <inheritdoc />
    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        AsyncExecution.Run<(VecStoreCommand Command, CommandBehavior Behavior), DbDataReader>(
            static (state, token) => state.Command.ExecuteReader(state.Behavior, token), (this, behavior), cancellationToken);

    /// <summary>Runs every statement, up to the first that fails; returns the rows inserted, updated or deleted (-1 when none of them changes rows).</summary>
    public override int ExecuteNonQuery() => ExecuteNonQuery(CancellationToken.None);

    /// <inheritdoc />
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        AsyncExecution.Run(static (command, token) => command.ExecuteNonQuery(token), this, cancellationToken);

    /// <summary>Runs the command and returns the first column of the first row, or null.</summary>
    public override object? ExecuteScalar() => ExecuteScalar(CancellationToken.None);

    /// <inheritdoc />
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        AsyncExecution.Run(static (command, token) => command.ExecuteScalar(token), this, cancellationToken);

    /// <summary>Stops the command's running statement (from another thread, or from a <see cref="Progress"/> report); nothing happens when none runs.</summary>
    /// <remarks>The statement fails with VECSQL0230 at its next check, within milliseconds, and changes nothing; an open reader of the command fails at its next read that does work.</remarks>
    public override void Cancel() => Volatile.Read(ref _running)?.Cancel();

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => new VecStoreParameter();

    /// <summary>Creates a parameter for this command (not yet added to <see cref="Parameters"/>).</summary>
    public new VecStoreParameter CreateParameter() => new();

    private VecStoreDataReader ExecuteReader(CommandBehavior behavior, CancellationToken cancellationToken) =>
        CommandExecution.Reader(this, Connection, Start(), behavior, cancellationToken);

    private int ExecuteNonQuery(CancellationToken cancellationToken) => CommandExecution.NonQuery(Start(), cancellationToken);

    private object? ExecuteScalar(CancellationToken cancellationToken) => CommandExecution.Scalar(this, Connection, Start(), cancellationToken);

    private CommandRunner Start()
    {
        var connection = Connection ?? throw new VecStoreException(ErrorCode.CommandState, "the command has no connection");
        var session = connection.OpenSession;
        if (Transaction is { } transaction && (transaction.Completed || transaction.Connection != connection))
            throw new VecStoreException(ErrorCode.CommandState, "the command's transaction has ended or belongs to another connection");
        var parsed = _parsed ??= Parse(_commandText, Parameters.Items);
        var monitor = new StatementMonitor(Progress ?? connection.Progress, CommandTimeout);
        Volatile.Write(ref _running, monitor);
        return new CommandRunner(session, parsed, new ParameterValues(Parameters.Items), monitor);
    }
}
