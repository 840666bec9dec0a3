using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>New values for some columns of the rows a query chooses: UPDATE ... FROM, assignments computed from stored vectors, ON CONFLICT DO UPDATE.</summary>
/// <remarks>
/// The write reads every chosen row's new values first (one query, so each value is computed from the
/// rows as they were before the statement) and then applies them row by row through the slots and the
/// log. A row the query yields more than once is updated once, from its first row, as PostgreSQL and
/// SQLite do for UPDATE ... FROM.
/// </remarks>
/// <param name="Query">The FROM and WHERE that choose the rows; its projections are replaced by the write's own (the target's row id, the current slot of each vector column assigned, then <paramref name="Values"/>).</param>
/// <param name="TargetSource">The number of the target table among the query's FROM items.</param>
/// <param name="Columns">The columns assigned.</param>
/// <param name="Values">One new value per column: a scalar expression, or for a vector column a vector expression of the column's element type (a stored vector column is copied from its view).</param>
/// <param name="Locations">Where each value is written in the statement, for a vector of the wrong type or length found while the statement runs; null entries point at the statement.</param>
public sealed record RowUpdate(SqlQuery Query, int TargetSource, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<SqlExpr> Values, IReadOnlyList<SourceLocation?> Locations);

/// <summary>ON CONFLICT of an INSERT: the key it looks rows up by, and what it does to a row that already has the key.</summary>
/// <param name="Key">The primary key's columns.</param>
/// <param name="Update">DO UPDATE: the new values, computed by a query over the existing row (<c>rowid = </c> <see cref="RowParameterExpr.TargetRowId"/>, plus the clause's WHERE) in which <see cref="RowParameterExpr"/> are the proposed row's values; null for DO NOTHING.</param>
/// <param name="Location">The ON CONFLICT clause, for the error of a statement that would update one row twice.</param>
public sealed record ConflictAction(IReadOnlyList<ColumnSchema> Key, RowUpdate? Update, SourceLocation? Location);
