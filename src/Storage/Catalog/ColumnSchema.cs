using System.Globalization;
using VecStore.Indexes;
using VecStore.Indexes.Distance;

namespace VecStore.Storage.Catalog;

/// <summary>One column of a table as the catalog records it.</summary>
/// <remarks>
/// User names never reach SQLite as SQL text: the SQLite column is named from the column id
/// (<see cref="StorageName"/>: <c>c12</c> for a scalar, <c>v12</c> for a vector column's slot number).
/// </remarks>
public sealed record ColumnSchema(
    long ColumnId,
    int Ordinal,
    string Name,
    ColumnType Type,
    int Dimensions,
    Metric Metric,
    bool NotNull,
    int PrimaryKeyPosition,
    object? DefaultValue,
    VectorElement Element = VectorElement.Float32)
{
    /// <summary>True for a <c>VECTOR(n)</c> column.</summary>
    public bool IsVector => Type == ColumnType.Vector;

    /// <summary>True when the column is part of the primary key.</summary>
    public bool IsPrimaryKey => PrimaryKeyPosition > 0;

    /// <summary>The SQLite column that holds the value (or, for a vector, its slot number).</summary>
    public string StorageName => (IsVector ? "v" : "c") + ColumnId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bytes one stored vector of this column takes.</summary>
    public int VectorBytes => VectorElements.BytesPerVector(Element, Dimensions);

    /// <summary>The type as written in SQL: <c>INTEGER</c>, <c>VECTOR(384) METRIC cosine</c>, <c>VECTOR(768) HALF</c>, <c>BIT(256)</c>, ...</summary>
    public string TypeText => Type switch
    {
        ColumnType.Vector when Element == VectorElement.Bit => string.Create(CultureInfo.InvariantCulture, $"BIT({Dimensions})")
            + (Metric == Metric.Hamming ? "" : " METRIC " + MetricNames.ToSql(Metric)),
        ColumnType.Vector => string.Create(CultureInfo.InvariantCulture, $"VECTOR({Dimensions})")
            + (Element == VectorElement.Float16 ? " HALF" : "")
            + (Metric == Metric.L2 ? "" : " METRIC " + MetricNames.ToSql(Metric)),
        _ => Type.ToString().ToUpperInvariant(),
    };
}
