using System.Data;
using System.Data.Common;
using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Execution;

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

    /// <inheritdoc />
    public override int Timeout { get; set; } = 30;

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
    public new VecStoreDataReader ExecuteReader(CommandBehavior behavior = CommandBehavior.Default)
        => VecStoreDataReader.Create(null, Connection, Start(), behavior);

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    /// <inheritdoc />
    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        => Task.FromResult<DbDataReader>(ExecuteReader(behavior));

    /// <summary>Runs every command; returns the rows they inserted, updated or deleted (-1 when none changes rows).</summary>
    public override int ExecuteNonQuery()
    {
        var runner = Start();
        int affected = -1;
        while (runner.Next() is { } result)
        {
            result.Rows?.Dispose();
            if (result.RecordsAffected >= 0)
                affected = (affected < 0 ? 0 : affected) + result.RecordsAffected;
        }
        return affected;
    }

    /// <inheritdoc />
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) => Task.FromResult(ExecuteNonQuery());

    /// <summary>Runs the commands and returns the first column of the first row, or null.</summary>
    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    /// <inheritdoc />
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) => Task.FromResult(ExecuteScalar());

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

    /// <inheritdoc />
    public override void Cancel()
    {
        // Commands run to completion on the calling thread; there is nothing to interrupt.
    }

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
        return new CommandRunner(session, parts);
    }
}
