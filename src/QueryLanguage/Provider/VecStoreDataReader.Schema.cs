using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;

namespace VecStore;

// The current result set's columns described for tools: GetColumnSchema (DbColumn) and
// GetSchemaTable (the DataTable that DataTable.Load and data adapters read).
public sealed partial class VecStoreDataReader
{
    /// <summary>The columns of the current result set; empty when it has none (a statement without rows).</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema()
    {
        if (_closed)
            throw new InvalidOperationException("the reader is closed");
        var columns = _current?.Columns ?? [];
        var result = new DbColumn[columns.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = new VecStoreDbColumn(columns[i], i);
        return new ReadOnlyCollection<DbColumn>(result);
    }

    /// <summary>
    /// The columns of the current result set as ADO.NET's schema table (one row per column:
    /// ColumnName, ColumnOrdinal, ColumnSize, DataType, DataTypeName, ProviderType, AllowDBNull,
    /// IsKey, IsUnique, BaseTableName, BaseColumnName, IsExpression, ... and VectorDimensions,
    /// VectorElementType, VectorMetric); null when the current statement returns no rows.
    /// </summary>
    public override DataTable? GetSchemaTable()
    {
        var columns = GetColumnSchema();
        if (columns.Count == 0)
            return null;
        var table = new DataTable("SchemaTable");
        var fields = table.Columns;
        fields.Add(SchemaTableColumn.ColumnName, typeof(string));
        fields.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        fields.Add(SchemaTableColumn.ColumnSize, typeof(int));
        fields.Add(SchemaTableColumn.NumericPrecision, typeof(short));
        fields.Add(SchemaTableColumn.NumericScale, typeof(short));
        fields.Add(SchemaTableColumn.IsUnique, typeof(bool));
        fields.Add(SchemaTableColumn.IsKey, typeof(bool));
        fields.Add(SchemaTableOptionalColumn.BaseServerName, typeof(string));
        fields.Add(SchemaTableOptionalColumn.BaseCatalogName, typeof(string));
        fields.Add(SchemaTableColumn.BaseColumnName, typeof(string));
        fields.Add(SchemaTableColumn.BaseSchemaName, typeof(string));
        fields.Add(SchemaTableColumn.BaseTableName, typeof(string));
        fields.Add(SchemaTableColumn.DataType, typeof(Type));
        fields.Add("DataTypeName", typeof(string));
        fields.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        fields.Add(SchemaTableColumn.ProviderType, typeof(int));
        fields.Add(SchemaTableColumn.IsAliased, typeof(bool));
        fields.Add(SchemaTableColumn.IsExpression, typeof(bool));
        fields.Add(SchemaTableOptionalColumn.IsAutoIncrement, typeof(bool));
        fields.Add(SchemaTableOptionalColumn.IsRowVersion, typeof(bool));
        fields.Add(SchemaTableOptionalColumn.IsHidden, typeof(bool));
        fields.Add(SchemaTableColumn.IsLong, typeof(bool));
        fields.Add(SchemaTableOptionalColumn.IsReadOnly, typeof(bool));
        fields.Add(nameof(VecStoreDbColumn.VectorDimensions), typeof(int));
        fields.Add(nameof(VecStoreDbColumn.VectorElementType), typeof(string));
        fields.Add(nameof(VecStoreDbColumn.VectorMetric), typeof(string));
        foreach (var dbColumn in columns)
        {
            var c = (VecStoreDbColumn)dbColumn;
            table.Rows.Add(
                c.ColumnName, c.ColumnOrdinal, c.ColumnSize, DBNull.Value, DBNull.Value, c.IsUnique, c.IsKey,
                DBNull.Value, Or(c.BaseCatalogName), Or(c.BaseColumnName), DBNull.Value, Or(c.BaseTableName),
                c.DataType, c.DataTypeName, c.AllowDBNull, Or(c.ProviderType), Or(c.IsAliased), c.IsExpression,
                c.IsAutoIncrement, false, c.IsHidden, c.IsLong, c.IsReadOnly,
                Or(c.VectorDimensions), Or(c.VectorElementType), Or(c.VectorMetric));
        }
        return table;
    }

    private static object Or(object? value) => value ?? DBNull.Value;
}
