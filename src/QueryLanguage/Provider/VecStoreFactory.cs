using System.Data.Common;

namespace VecStore;

/// <summary>Creates VecStore's ADO.NET objects, for code written against <see cref="DbProviderFactory"/>.</summary>
public sealed class VecStoreFactory : DbProviderFactory
{
    /// <summary>The one instance (registered as <c>DbProviderFactories.RegisterFactory("VecStore", VecStoreFactory.Instance)</c>).</summary>
    public static readonly VecStoreFactory Instance = new();

    private VecStoreFactory()
    {
    }

    /// <inheritdoc />
    public override DbConnection CreateConnection() => new VecStoreConnection();

    /// <inheritdoc />
    public override DbCommand CreateCommand() => new VecStoreCommand();

    /// <inheritdoc />
    public override DbParameter CreateParameter() => new VecStoreParameter();

    /// <inheritdoc />
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new VecStoreConnectionStringBuilder();

    /// <inheritdoc />
    public override bool CanCreateBatch => true;

    /// <inheritdoc />
    public override DbBatch CreateBatch() => new VecStoreBatch();

    /// <inheritdoc />
    public override DbBatchCommand CreateBatchCommand() => new VecStoreBatchCommand();
}
