using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>A scalar expression that SQLite evaluates: filters, computed columns, assignments.</summary>
/// <remarks>
/// The binder builds these from checked syntax; <see cref="SqlWriter"/> renders them as SQLite SQL
/// in which columns are catalog ids and every constant is a bound parameter.
/// </remarks>
public abstract record SqlExpr;

/// <summary>A column of the table (for a vector column: its slot number, usable only in IS NULL).</summary>
public sealed record ColumnExpr(ColumnSchema Column) : SqlExpr;

/// <summary>SQLite's row id of the row.</summary>
public sealed record RowIdExpr : SqlExpr;

/// <summary>A value bound as a parameter.</summary>
public sealed record ConstantExpr(object? Value) : SqlExpr;

/// <summary>NOT, unary minus or plus.</summary>
public sealed record UnaryExpr(SqlUnaryOperator Operator, SqlExpr Operand) : SqlExpr;

/// <summary>A binary operator.</summary>
public sealed record BinaryExpr(SqlBinaryOperator Operator, SqlExpr Left, SqlExpr Right) : SqlExpr;

/// <summary><c>value [NOT] BETWEEN low AND high</c>.</summary>
public sealed record BetweenExpr(SqlExpr Value, SqlExpr Low, SqlExpr High, bool Negated) : SqlExpr;

/// <summary><c>value [NOT] IN (items)</c>.</summary>
public sealed record InExpr(SqlExpr Value, IReadOnlyList<SqlExpr> Items, bool Negated) : SqlExpr;

/// <summary><c>value [NOT] LIKE pattern [ESCAPE escape]</c>.</summary>
public sealed record LikeExpr(SqlExpr Value, SqlExpr Pattern, SqlExpr? Escape, bool Negated) : SqlExpr;

/// <summary><c>value IS [NOT] NULL</c>.</summary>
public sealed record IsNullExpr(SqlExpr Value, bool Negated) : SqlExpr;

/// <summary>A call of one of the <see cref="ScalarFunctions"/>.</summary>
public sealed record FunctionExpr(ScalarFunction Function, IReadOnlyList<SqlExpr> Arguments) : SqlExpr;

/// <summary><c>count(*)</c>.</summary>
public sealed record CountStarExpr : SqlExpr;

/// <summary>Unary operators.</summary>
public enum SqlUnaryOperator
{
    /// <summary>Logical NOT.</summary>
    Not,
    /// <summary>Arithmetic negation.</summary>
    Negate,
    /// <summary>Unary plus (no effect).</summary>
    Plus,
}

/// <summary>Binary operators SQLite evaluates.</summary>
public enum SqlBinaryOperator
{
    /// <summary>AND</summary>
    And,
    /// <summary>OR</summary>
    Or,
    /// <summary>=</summary>
    Equal,
    /// <summary>&lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/</summary>
    Divide,
    /// <summary>%</summary>
    Modulo,
    /// <summary>|| (text concatenation)</summary>
    Concat,
}
