using VecStore.Indexes;
using VecStore.Indexes.Distance;

namespace VecStore.Storage.Catalog;

/// <summary>A column to create.</summary>
/// <param name="PrimaryKeyPosition">1-based position in the primary key, or 0 when not part of it.</param>
/// <param name="DefaultValue">Value used when an INSERT omits the column (typed as the column reads back).</param>
public sealed record ColumnDefinition(
    string Name,
    ColumnType Type,
    int Dimensions,
    Metric Metric,
    bool NotNull,
    int PrimaryKeyPosition,
    object? DefaultValue,
    VectorElement Element = VectorElement.Float32);
