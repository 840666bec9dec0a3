using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using VecStore.Storage;

namespace VecStore;

/// <summary>A connection to a VecStore database file (or an in-memory database).</summary>
/// <remarks>
/// <code>
/// using var connection = new VecStoreConnection("Data Source=shop.vdb");
/// connection.Open();
/// </code>
/// Connections to the same file share its memory-mapped vectors within the process. Like other
/// ADO.NET connections, one connection is used by one thread at a time; use one per thread.
/// </remarks>
public sealed partial class VecStoreConnection : DbConnection
{
    private string _connectionString = "";
    private Session? _session;
    private ConnectionState _state = ConnectionState.Closed;

    static VecStoreConnection() => DapperVectorHandlers.Register();

    /// <summary>A closed connection without a connection string.</summary>
    public VecStoreConnection()
    {
    }

    /// <summary>A closed connection to the database the connection string names.</summary>
    public VecStoreConnection(string connectionString) => ConnectionString = connectionString;

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed)
                throw new VecStoreException(ErrorCode.CommandState, "the connection string cannot change while the connection is open");
            _connectionString = value ?? "";
        }
    }

    /// <inheritdoc />
    public override string Database => "main";

    /// <inheritdoc />
    public override string DataSource => new VecStoreConnectionStringBuilder(_connectionString).DataSource;

    /// <inheritdoc />
    public override string ServerVersion => typeof(VecStoreConnection).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <inheritdoc />
    public override ConnectionState State => _state;

    /// <summary>The transaction begun with <see cref="BeginTransaction()"/>, while it is open.</summary>
    public VecStoreTransaction? Transaction { get; internal set; }

    /// <inheritdoc />
    protected override DbProviderFactory DbProviderFactory => VecStoreFactory.Instance;

    /// <summary>The session of an open connection.</summary>
    internal Session OpenSession => _session ?? throw VecStoreException.DatabaseClosed();

    /// <inheritdoc />
    public override void Open()
    {
        if (_state == ConnectionState.Open)
            return;
        var options = new VecStoreConnectionStringBuilder(_connectionString).ToOptions();
        _session = Session.Open(options);
        _state = ConnectionState.Open;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Closed, ConnectionState.Open));
    }

    /// <inheritdoc />
    public override void Close()
    {
        if (_session is null)
            return;
        Transaction = null;
        _session.Dispose();
        _session = null;
        _state = ConnectionState.Closed;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
    }

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName)
        => throw new VecStoreException(ErrorCode.UnsupportedOperation, "a VecStore connection has one database; open another connection instead");

    /// <summary>Starts a transaction.</summary>
    public new VecStoreTransaction BeginTransaction() => BeginTransaction(IsolationLevel.Unspecified);

    /// <summary>Starts a transaction; every level runs as serializable snapshot isolation (one writer at a time).</summary>
    public new VecStoreTransaction BeginTransaction(IsolationLevel isolationLevel)
    {
        OpenSession.BeginTransaction();
        Transaction = new VecStoreTransaction(this, isolationLevel == IsolationLevel.Unspecified ? IsolationLevel.Serializable : isolationLevel);
        return Transaction;
    }

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => BeginTransaction(isolationLevel);

    /// <summary>Creates a command on this connection.</summary>
    public new VecStoreCommand CreateCommand() => new() { Connection = this, Transaction = Transaction };

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <inheritdoc />
    public override bool CanCreateBatch => true;

    /// <summary>Creates a batch on this connection: several commands, one reader.</summary>
    public new VecStoreBatch CreateBatch() => new(this) { Transaction = Transaction };

    /// <inheritdoc />
    protected override DbBatch CreateDbBatch() => CreateBatch();

    /// <summary>Receives the progress of long statements run on this connection by commands without a <see cref="VecStoreCommand.Progress"/> of their own (Dapper's, a batch's): for progress bars.</summary>
    /// <remarks>Reports come one at a time, possibly from an index build's worker threads.</remarks>
    public IProgress<VecStoreProgress>? Progress { get; set; }

    /// <summary>Moves every logged vector into the vector file now (as the CHECKPOINT statement does).</summary>
    public void Checkpoint() => OpenSession.Checkpoint();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }
}
