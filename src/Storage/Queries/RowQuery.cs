using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>A query SQLite answers on its own: projections, filter, scalar order, limit and offset over one table (or none, for constant expressions).</summary>
/// <remarks>A projection that is a vector column reads back as the vector, resolved from the vector store.</remarks>
public sealed record RowQuery(
    TableSchema? Table,
    IReadOnlyList<SqlExpr> Projections,
    SqlExpr? Where,
    IReadOnlyList<OrderTerm> OrderBy,
    long? Limit,
    long? Offset);
