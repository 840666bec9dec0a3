using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using VecStore.QueryLanguage.Binding;
using VecStore.QueryLanguage.Execution;
using VecStore.QueryLanguage.Parsing;

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
/// </remarks>
public sealed class VecStoreCommand : DbCommand
{
    private string _commandText = "";
    private ParseResult? _parsed;
    private CommandType _commandType = CommandType.Text;

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

    /// <inheritdoc />
    public override int CommandTimeout { get; set; } = 30;

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
    public new VecStoreDataReader ExecuteReader(CommandBehavior behavior)
    {
        var runner = Start();
        return VecStoreDataReader.Create(this, Connection, runner, behavior);
    }

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    /// <summary>Runs every statement, up to the first that fails; returns the rows inserted, updated or deleted (-1 when none of them changes rows).</summary>
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

    /// <summary>Runs the command and returns the first column of the first row, or null.</summary>
    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    /// <inheritdoc />
    public override void Cancel()
    {
        // Statements run to completion on the calling thread; there is nothing to interrupt.
    }

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => new VecStoreParameter();

    /// <summary>Creates a parameter for this command (not yet added to <see cref="Parameters"/>).</summary>
    public new VecStoreParameter CreateParameter() => new();

    private CommandRunner Start()
    {
        var connection = Connection ?? throw new VecStoreException(ErrorCode.CommandState, "the command has no connection");
        var session = connection.OpenSession;
        if (Transaction is { } transaction && (transaction.Completed || transaction.Connection != connection))
            throw new VecStoreException(ErrorCode.CommandState, "the command's transaction has ended or belongs to another connection");
        var parsed = _parsed ??= Parse(_commandText, Parameters.Items);
        return new CommandRunner(session, parsed, new ParameterValues(Parameters.Items));
    }
}
