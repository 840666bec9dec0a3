using System.Data;
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
    /// <returns>For each: its name, table, method (<c>HNSW</c> or <c>SCALAR</c>), columns, options as written in WITH, and its CREATE INDEX statement.</returns>
    public IReadOnlyList<(string Name, string Table, string Method, string Columns, string Options, string Definition)> GetIndexes(string? table = null)
    {
        var session = OpenSession;
        using var scope = session.BeginStatement(writes: false);
        var indexes = new List<(string, string, string, string, string, string)>();
        foreach (var t in session.Catalog.Tables)
        {
            if (table is not null && !string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var index in t.Indexes)
            {
                string options = index.Method == IndexMethod.Scalar ? ""
                    : string.Join(", ", index.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} = {o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
                indexes.Add((index.Name, t.Name, index.Method.ToString().ToUpperInvariant(), string.Join(", ", index.Columns.Select(c => c.Name)), options, index.ToCreateStatement(t)));
            }
        }
        scope.Complete();
        return indexes;
    }

    /// <inheritdoc />
    public override DataTable GetSchema() => GetSchema("MetaDataCollections");

    /// <inheritdoc />
    public override DataTable GetSchema(string collectionName) => GetSchema(collectionName, []);

    /// <summary>
    /// ADO.NET schema collections: <c>MetaDataCollections</c>, <c>Tables</c> (TABLE_NAME) and
    /// <c>Columns</c> (TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, DIMENSIONS, METRIC,
    /// IS_NULLABLE, IS_PRIMARY_KEY); the first restriction filters by table name.
    /// </summary>
    public override DataTable GetSchema(string collectionName, string?[] restrictionValues)
    {
        string? tableFilter = restrictionValues.Length > 0 ? restrictionValues[0] : null;
        switch (collectionName.ToUpperInvariant())
        {
            case "METADATACOLLECTIONS":
            {
                var collections = new DataTable("MetaDataCollections");
                collections.Columns.Add("CollectionName", typeof(string));
                collections.Columns.Add("NumberOfRestrictions", typeof(int));
                collections.Rows.Add("MetaDataCollections", 0);
                collections.Rows.Add("Tables", 1);
                collections.Rows.Add("Columns", 1);
                return collections;
            }
            case "TABLES":
            {
                var tables = new DataTable("Tables");
                tables.Columns.Add("TABLE_NAME", typeof(string));
                foreach (var table in Snapshot().Tables)
                    if (tableFilter is null || string.Equals(table.Name, tableFilter, StringComparison.OrdinalIgnoreCase))
                        tables.Rows.Add(table.Name);
                return tables;
            }
            case "COLUMNS":
            {
                var columns = new DataTable("Columns");
                columns.Columns.Add("TABLE_NAME", typeof(string));
                columns.Columns.Add("COLUMN_NAME", typeof(string));
                columns.Columns.Add("ORDINAL_POSITION", typeof(int));
                columns.Columns.Add("DATA_TYPE", typeof(string));
                columns.Columns.Add("DIMENSIONS", typeof(int));
                columns.Columns.Add("METRIC", typeof(string));
                columns.Columns.Add("IS_NULLABLE", typeof(bool));
                columns.Columns.Add("IS_PRIMARY_KEY", typeof(bool));
                foreach (var table in Snapshot().Tables)
                {
                    if (tableFilter is not null && !string.Equals(table.Name, tableFilter, StringComparison.OrdinalIgnoreCase))
                        continue;
                    foreach (var c in table.Columns)
                        columns.Rows.Add(table.Name, c.Name, c.Ordinal + 1, c.IsVector ? "VECTOR" : c.Type.ToString().ToUpperInvariant(),
                            c.Dimensions, c.IsVector ? MetricNames.ToSql(c.Metric) : null, !c.NotNull, c.IsPrimaryKey);
                }
                return columns;
            }
            default:
                throw new VecStoreException(ErrorCode.UnsupportedOperation,
                    $"schema collection '{collectionName}' is not available; use MetaDataCollections, Tables or Columns");
        }
    }

    private Catalog Snapshot()
    {
        var session = OpenSession;
        using var scope = session.BeginStatement(writes: false);
        var catalog = session.Catalog;
        scope.Complete();
        return catalog;
    }
}
