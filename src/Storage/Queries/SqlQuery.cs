using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>A whole SELECT for SQLite to run: common table expressions, select cores joined by set operations, ORDER BY, LIMIT and OFFSET.</summary>
/// <remarks>
/// The binder builds these from checked syntax; <see cref="SqlWriter"/> renders them with catalog ids
/// for tables and columns, VecStore's numbers for FROM items (<c>s&lt;n&gt;</c>), common table
/// expressions (<c>w&lt;n&gt;</c>) and output columns (<c>o&lt;i&gt;</c>), and a parameter for every value.
/// </remarks>
/// <param name="With">The common table expressions, in order; empty for none.</param>
/// <param name="First">The first select core.</param>
/// <param name="Rest">Further cores with the set operation before each; empty for a plain SELECT.</param>
public sealed record SqlQuery(
    IReadOnlyList<SqlCte> With,
    SqlSelectCore First,
    IReadOnlyList<SqlCompoundPart> Rest,
    IReadOnlyList<OrderTerm> OrderBy,
    SqlExpr? Limit,
    SqlExpr? Offset);

/// <summary><c>SELECT [DISTINCT] projections FROM ... WHERE ... GROUP BY ... HAVING ...</c>.</summary>
public sealed record SqlSelectCore(
    bool Distinct,
    IReadOnlyList<SqlExpr> Projections,
    SqlFrom? From,
    SqlExpr? Where,
    IReadOnlyList<SqlExpr> GroupBy,
    SqlExpr? Having);

/// <summary>A set operation and the core after it.</summary>
public sealed record SqlCompoundPart(SqlSetOperator Operator, SqlSelectCore Core);

/// <summary>A common table expression, rendered <c>"w&lt;n&gt;" AS (...)</c>.</summary>
public sealed record SqlCte(int Number, SqlQuery Query);

/// <summary>UNION, UNION ALL, INTERSECT, EXCEPT.</summary>
public enum SqlSetOperator
{
    /// <summary>UNION: distinct rows of both.</summary>
    Union,
    /// <summary>UNION ALL: all rows of both.</summary>
    UnionAll,
    /// <summary>INTERSECT: distinct rows in both.</summary>
    Intersect,
    /// <summary>EXCEPT: distinct rows of the first not in the second.</summary>
    Except,
}

/// <summary>What a FROM clause reads.</summary>
public abstract record SqlFrom;

/// <summary>A catalog table: <c>"t&lt;id&gt;" AS "s&lt;n&gt;"</c>.</summary>
public sealed record SqlTableFrom(TableSchema Table, int Source) : SqlFrom;

/// <summary>A derived table: <c>(SELECT ...) AS "s&lt;n&gt;"</c>.</summary>
public sealed record SqlSubqueryFrom(SqlQuery Query, int Source) : SqlFrom;

/// <summary>A common table expression read as a table: <c>"w&lt;m&gt;" AS "s&lt;n&gt;"</c>.</summary>
public sealed record SqlCteFrom(int Cte, int Source) : SqlFrom;

/// <summary>Two FROM items joined; <paramref name="On"/> is null for a cross join.</summary>
public sealed record SqlJoin(SqlFrom Left, SqlJoinKind Kind, SqlFrom Right, SqlExpr? On) : SqlFrom;

/// <summary>How two FROM items are joined.</summary>
public enum SqlJoinKind
{
    /// <summary>INNER JOIN (also a comma).</summary>
    Inner,
    /// <summary>LEFT JOIN.</summary>
    Left,
    /// <summary>RIGHT JOIN.</summary>
    Right,
    /// <summary>FULL JOIN.</summary>
    Full,
    /// <summary>CROSS JOIN: SQLite keeps the written order of its tables.</summary>
    Cross,
}
