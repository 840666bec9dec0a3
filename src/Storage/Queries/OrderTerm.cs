namespace VecStore.Storage.Queries;

/// <summary>One key of an ORDER BY that SQLite evaluates.</summary>
public sealed record OrderTerm(SqlExpr Expression, bool Descending)
{
    /// <summary>Where NULLs go: true NULLS LAST, false NULLS FIRST, null SQLite's default (NULL is the smallest value).</summary>
    /// <remarks>Distances sort PostgreSQL's way, NULLs after every distance in ascending order, as the single-table search does.</remarks>
    public bool? NullsLast { get; init; }
}
