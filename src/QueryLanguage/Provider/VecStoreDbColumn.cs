using System.Data.Common;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore;

/// <summary>One column of a result, as <see cref="VecStoreDataReader.GetColumnSchema"/> describes it.</summary>
/// <remarks>
/// A column selected as it is names its table and column (<c>BaseTableName</c>, <c>BaseColumnName</c>)
/// and says whether it is part of the primary key and may be NULL; a computed value
/// (<c>IsExpression</c>: an expression, a distance, <c>count(*)</c>) is read-only. For a vector
/// column <c>ColumnSize</c> is its dimensions, and <see cref="VectorDimensions"/>,
/// <see cref="VectorElementType"/> and <see cref="VectorMetric"/> describe it.
/// </remarks>
public sealed class VecStoreDbColumn : DbColumn
{
    /// <summary>The catalog name every VecStore table reports: a connection has one database.</summary>
    internal const string CatalogName = "main";

    internal VecStoreDbColumn(OutputColumn output, int ordinal)
    {
        ColumnName = output.Name;
        ColumnOrdinal = ordinal;
        DataType = output.ClrType;
        DataTypeName = output.TypeName;
        ColumnSize = -1;
        IsLong = false;
        IsIdentity = false;
        IsHidden = false;
        ProviderType = ProviderTypeOf(output);
        if (output is { BaseColumn: { } column, BaseTable: { } table })
        {
            bool rowId = table.KeyIsRowId && column.IsPrimaryKey;
            BaseCatalogName = CatalogName;
            BaseTableName = table.Name;
            BaseColumnName = column.Name;
            AllowDBNull = !column.NotNull && !rowId;
            IsKey = column.IsPrimaryKey;
            IsUnique = column.IsPrimaryKey && table.PrimaryKey.Count == 1;
            IsAutoIncrement = rowId;
            IsAliased = !string.Equals(output.Name, column.Name, StringComparison.OrdinalIgnoreCase);
            IsExpression = false;
            IsReadOnly = false;
            if (column.IsVector)
            {
                ColumnSize = column.Dimensions;
                VectorDimensions = column.Dimensions;
                VectorElementType = column.Element.ToString().ToLowerInvariant();
                VectorMetric = MetricNames.ToSql(column.Metric);
            }
        }
        else
        {
            // count(*) is never NULL; an expression or a distance may be (a row without a vector has no distance).
            AllowDBNull = output.Scalar is not CountStarExpr;
            IsKey = false;
            IsUnique = false;
            IsAutoIncrement = false;
            IsExpression = true;
            IsReadOnly = true;
        }
    }

    /// <summary>The declared type as <see cref="ColumnType"/>'s number (<c>ProviderType</c> in the schema table); null when SQLite decides per row.</summary>
    public int? ProviderType { get; }

    /// <summary>Dimensions (bits for BIT) of a vector column; null for other columns.</summary>
    public int? VectorDimensions { get; }

    /// <summary>How a vector column stores its elements: <c>float32</c>, <c>float16</c> (HALF) or <c>bit</c>; null for other columns.</summary>
    public string? VectorElementType { get; }

    /// <summary>The distance a vector column is searched by: <c>l2</c>, <c>cosine</c>, <c>ip</c>, <c>l1</c>, <c>hamming</c> or <c>jaccard</c>; null for other columns.</summary>
    public string? VectorMetric { get; }

    /// <inheritdoc />
    public override object? this[string property] => property switch
    {
        nameof(ProviderType) => ProviderType,
        nameof(VectorDimensions) => VectorDimensions,
        nameof(VectorElementType) => VectorElementType,
        nameof(VectorMetric) => VectorMetric,
        _ => base[property],
    };

    private static int? ProviderTypeOf(OutputColumn output)
    {
        if (output.BaseColumn is { } column)
            return (int)column.Type;
        var type = output.ClrType;
        ColumnType? kind = type == typeof(long) ? ColumnType.Integer
            : type == typeof(double) ? ColumnType.Real
            : type == typeof(string) ? ColumnType.Text
            : type == typeof(byte[]) ? ColumnType.Blob
            : type == typeof(bool) ? ColumnType.Boolean
            : type == typeof(float[]) || type == typeof(bool[]) ? ColumnType.Vector
            : null;
        return (int?)kind;
    }
}
