namespace VecStore.Storage.Queries;

/// <summary>The row ids a vector search ranked, nearest first, as a JSON array: filled in after the search runs and before the statement that reads them is rendered.</summary>
/// <remarks>A holder rather than a value so a planned statement can be written once and run after its searches.</remarks>
public sealed class RankedRowIds
{
    /// <summary>A JSON array of row ids in ranking order; empty until the search ran.</summary>
    public string Json { get; set; } = "[]";
}

/// <summary>The ranked rows as a FROM item: <c>json_each($n) AS "s&lt;n&gt;"</c>, one row per ranked row id (<c>value</c>) with its position in the ranking (<c>key</c>).</summary>
public sealed record SqlRankedRowsFrom(RankedRowIds Rows, int Source) : SqlFrom;

/// <summary>A column of <see cref="SqlRankedRowsFrom"/>: the ranked row id, or (with <paramref name="Position"/>) its position in the ranking.</summary>
public sealed record RankedRowExpr(int Source, bool Position) : SqlExpr;
