using System.Data;
using System.Data.Common;

namespace VecStore;

/// <summary>A transaction on a <see cref="VecStoreConnection"/>: snapshot reads, and one writer at a time per database.</summary>
/// <remarks>Disposing without <see cref="Commit"/> rolls back, as in every ADO.NET provider.</remarks>
public sealed class VecStoreTransaction : DbTransaction
{
    private VecStoreConnection? _connection;

    internal VecStoreTransaction(VecStoreConnection connection, IsolationLevel isolationLevel)
    {
        _connection = connection;
        IsolationLevel = isolationLevel;
    }

    /// <summary>The connection, or null once the transaction has ended.</summary>
    public new VecStoreConnection? Connection => _connection;

    /// <inheritdoc />
    protected override DbConnection? DbConnection => _connection;

    /// <inheritdoc />
    public override IsolationLevel IsolationLevel { get; }

    /// <summary>True once committed or rolled back.</summary>
    internal bool Completed => _connection is null;

    /// <inheritdoc />
    public override void Commit()
    {
        var connection = _connection ?? throw new VecStoreException(ErrorCode.NoActiveTransaction, "the transaction has already ended");
        connection.OpenSession.Commit();
        Finish(connection);
    }

    /// <inheritdoc />
    public override void Rollback()
    {
        var connection = _connection ?? throw new VecStoreException(ErrorCode.NoActiveTransaction, "the transaction has already ended");
        connection.OpenSession.Rollback();
        Finish(connection);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { } connection)
        {
            if (connection.State == ConnectionState.Open && connection.OpenSession.InTransaction)
                connection.OpenSession.Rollback();
            Finish(connection);
        }
        base.Dispose(disposing);
    }

    private void Finish(VecStoreConnection connection)
    {
        connection.Transaction = null;
        _connection = null;
    }
}
