using System.Data;
using System.Data.Common;
using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Execution;
using VecStore.Storage;

namespace VecStore;

/// <summary>Several commands sent at once; their result sets come back in order through one reader.</summary>
/// <remarks>
/// The way to run many similarity queries at once: add the same SELECT ... ORDER BY distance(v, @q)
/// LIMIT k once per query vector. Consecutive searches that differ only in their query vector are
/// answered by one batched scan, which reads every stored vector once for all of them.
/// A statement that fails ends the batch: no later statement of that command or of the commands
/// after it runs (see <see cref="VecStoreCommand"/>).
/// </remarks>
public sealed class VecStoreBatch : DbBatch
{
    private int _timeout;
    private StatementMonitor? _running;

    /// <summary>An empty batch.</summary>
    public VecStoreBatch()
    {
    }

    /// <summary>An empty batch on a connection.</summary>
    public VecStoreBatch(VecStoreConnection connection) => Connection = connection;

    /// <summary>The commands, run in order.</summary>
    public new VecStoreBatchCommandCollection BatchCommands { get; } = new();

    /// <inheritdoc />
    protected override DbBatchCommandCollection DbBatchCommands => BatchCommands;

    /// <summary>Seconds one call may run before the statement is stopped with VECSQL0231; 0, the default, for no limit (as <see cref="VecStoreCommand.CommandTimeout"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public override int Timeout
    {
        get => _timeout;
        set => _timeout = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Timeout is 0 (no limit) or a number of seconds");
    }

    /// <summary>The connection the batch runs on.</summary>
    public new VecStoreConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = value switch
        {
            null => null,
            VecStoreConnection c => c,
            _ => throw new ArgumentException("a VecStoreBatch needs a VecStoreConnection", nameof(value)),
        };
    }

    /// <summary>The transaction the batch runs in (the connection's open transaction when not set).</summary>
    public new VecStoreTransaction? Transaction { get; set; }

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction
    {
        get => Transaction;
        set => Transaction = value switch
        {
            null => null,
            VecStoreTransaction t => t,
            _ => throw new ArgumentException("a VecStoreBatch needs a VecStoreTransaction", nameof(value)),
        };
    }

    /// <summary>Runs the commands and returns a reader over their result sets, in order.</summary>
    public new VecStoreDataReader ExecuteReader(CommandBehavior behavior = CommandBehavior.Default) => ExecuteReader(behavior, CancellationToken.None);

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    /// <inheritdoc />
    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        AsyncExecution.Run<(VecStoreBatch Batch, CommandBehavior Behavior), DbDataReader>(
            static (state, token) => state.Batch.ExecuteReader(state.Behavior, token), (this, behavior), cancellationToken);

    /// <summary>Runs every command; returns the rows they inserted, updated or deleted (-1 when none changes rows).</summary>
    public override int ExecuteNonQuery() => ExecuteNonQuery(CancellationToken.None);

    /// <inheritdoc />
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) =>
        AsyncExecution.Run(static (batch, token) => batch.ExecuteNonQuery(token), this, cancellationToken);

    /// <summary>Runs the commands and returns the first column of the first row, or null.</summary>
    public override object? ExecuteScalar() => ExecuteScalar(CancellationToken.None);

    /// <inheritdoc />
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) =>
        AsyncExecution.Run(static (batch, token) => batch.ExecuteScalar(token), this, cancellationToken);

    /// <summary>Parses every command's text now.</summary>
    public override void Prepare()
    {
        foreach (var command in BatchCommands.Items)
            ParseCache.Get(command.CommandText);
    }

    /// <inheritdoc />
    public override Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        Prepare();
        return Task.CompletedTask;
    }

    /// <summary>Stops the batch's running statement (from another thread); nothing happens when none runs.</summary>
    public override void Cancel() => Volatile.Read(ref _running)?.Cancel();

    private VecStoreDataReader ExecuteReader(CommandBehavior behavior, CancellationToken cancellationToken) =>
        CommandExecution.Reader(null, Connection, Start(), behavior, cancellationToken);

    private int ExecuteNonQuery(CancellationToken cancellationToken) => CommandExecution.NonQuery(Start(), cancellationToken);

    private object? ExecuteScalar(CancellationToken cancellationToken) => CommandExecution.Scalar(null, Connection, Start(), cancellationToken);

    /// <summary>Creates a command for this batch (not yet added).</summary>
    public new VecStoreBatchCommand CreateBatchCommand() => new();

    /// <inheritdoc />
    protected override DbBatchCommand CreateDbBatchCommand() => CreateBatchCommand();

    private CommandRunner Start()
    {
        var connection = Connection ?? throw new VecStoreException(ErrorCode.CommandState, "the batch has no connection");
        var session = connection.OpenSession;
        if (Transaction is { } transaction && (transaction.Completed || transaction.Connection != connection))
            throw new VecStoreException(ErrorCode.CommandState, "the batch's transaction has ended or belongs to another connection");
        var parts = new List<CommandPart>(BatchCommands.Count);
        foreach (var command in BatchCommands.Items)
        {
            command.Affected = -1;
            var target = command;
            parts.Add(new CommandPart(VecStoreCommand.Parse(command.CommandText, command.Parameters.Items), new ParameterValues(command.Parameters.Items),
                n => target.Affected = (target.Affected < 0 ? 0 : target.Affected) + n));
        }
        var monitor = new StatementMonitor(connection.Progress, Timeout);
        Volatile.Write(ref _running, monitor);
        return new CommandRunner(session, parts, monitor);
    }
}
