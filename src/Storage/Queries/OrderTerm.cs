namespace VecStore.Storage.Queries;

/// <summary>One key of an ORDER BY that SQLite evaluates.</summary>
public sealed record OrderTerm(SqlExpr Expression, bool Descending);
