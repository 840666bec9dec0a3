using System.Data;
using System.Data.Common;
using VecStore.Storage.Catalog;

namespace VecStore;

// The catalog as tools see it: table names, CREATE statements, and ADO.NET's GetSchema.
public sealed partial class VecStoreConnection
{
    /// <summary>The tables of the database, in name order, with the CREATE TABLE statement of each.</summary>
    public IReadOnlyList<(string Name, string Definition)> GetTables()
    {
        var session = OpenSession;
        using var scope = session.BeginStatement(writes: false);
        var tables = new List<(string, string)>();
        foreach (var table in session.Catalog.Tables)
            tables.Add((table.Name, table.ToCreateStatement()));
        scope.Complete();
        return tables;
    }

    /// <summary>The indexes of the database (of one table when <paramref name="table"/> is set), by table then creation order.</summary>
    /// <returns>For each: its name, table, method (<c>HNSW</c>, <c>IVF</c>, <c>IVFPQ</c> or <c>SCALAR</c>), columns, options as written in WITH, its CREATE INDEX statement,
    /// and what the engine decided for it in words (the default breadth it tuned, an inverted file waiting for rows or the list count it chose; empty for none).</returns>
    public IReadOnlyList<(string Name, string Table, string Method, string Columns, string Options, string Definition, string State)> GetIndexes(string? table = null)
    {
        var session = OpenSession;
        using var scope = session.BeginStatement(writes: false);
        var indexes = new List<(string, string, string, string, string, string, string)>();
        foreach (var t in session.Catalog.Tables)
        {
            if (table is not null && !string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var index in t.Indexes)
            {
                indexes.Add((index.Name, t.Name, SchemaCollections.MethodName(index.Method), string.Join(", ", index.Columns.Select(c => c.Name)),
                    SchemaCollections.OptionsText(index), index.ToCreateStatement(t), SchemaCollections.StateText(index)));
            }
        }
        scope.Complete();
        return indexes;
    }

    /// <summary>The collections this connection describes: the <c>MetaDataCollections</c> collection.</summary>
    public override DataTable GetSchema() => GetSchema(DbMetaDataCollectionNames.MetaDataCollections);

    /// <inheritdoc cref="GetSchema(string, string?[])" />
    public override DataTable GetSchema(string collectionName) => GetSchema(collectionName, []);

    /// <summary>An ADO.NET schema collection, filtered by positional restrictions.</summary>
    /// <remarks>
    /// <para>
    /// The common collections <c>MetaDataCollections</c>, <c>DataSourceInformation</c>,
    /// <c>DataTypes</c>, <c>Restrictions</c> and <c>ReservedWords</c>, and the catalog's:
    /// <c>Tables</c> (TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE),
    /// <c>Columns</c> (... COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE,
    /// COLUMN_TYPE, DIMENSIONS, ELEMENT_TYPE, METRIC, IS_PRIMARY_KEY, PRIMARY_KEY_POSITION),
    /// <c>Indexes</c> (... INDEX_NAME, INDEX_METHOD, IS_VECTOR_INDEX, COLUMNS, OPTIONS, DEFINITION),
    /// <c>IndexColumns</c> and <c>VectorColumns</c> (... DIMENSIONS, ELEMENT_TYPE, METRIC,
    /// BYTES_PER_VECTOR, VECTOR_INDEXES).
    /// </para>
    /// <para>
    /// Restrictions are positional, as in ADO.NET: catalog (<c>main</c>), schema (VecStore has
    /// none: leave it null), table name, then the column or index name; the <c>Restrictions</c>
    /// collection lists them. <c>GetSchema("Columns", [null, null, "docs"])</c> describes the
    /// columns of <c>docs</c>. Names match ignoring case.
    /// </para>
    /// </remarks>
    public override DataTable GetSchema(string collectionName, string?[] restrictionValues)
        => SchemaCollections.Get(collectionName, restrictionValues, Snapshot);

    private Catalog Snapshot()
    {
        var session = OpenSession;
        using var scope = session.BeginStatement(writes: false);
        var catalog = session.Catalog;
        scope.Complete();
        return catalog;
    }
}
