using VecStore.Storage.Catalog;

namespace VecStore.Storage.Queries;

/// <summary>A scalar expression that SQLite evaluates: filters, computed columns, assignments.</summary>
/// <remarks>
/// The binder builds these from checked syntax; <see cref="SqlWriter"/> renders them as SQLite SQL
/// in which columns are catalog ids and every constant is a bound parameter.
/// </remarks>
public abstract record SqlExpr;

/// <summary>A column of a table (for a vector column: its slot number, for IS NULL and for reading the vector back).</summary>
/// <remarks>Without a <see cref="Source"/> the column is unqualified: the table of a single-table statement.</remarks>
public sealed record ColumnExpr(ColumnSchema Column) : SqlExpr
{
    /// <summary>The number of the FROM item the column belongs to (rendered <c>"s&lt;n&gt;"</c>), or null for the statement's only table.</summary>
    public int? Source { get; init; }

    /// <summary>For a column of a single-table statement's table referred to from inside a subquery: the table's SQLite name, which qualifies it (<c>"t5"."c9"</c>) so a subquery over the same table cannot capture it.</summary>
    public string? OwnTable { get; init; }
}

/// <summary>SQLite's row id of the row.</summary>
public sealed record RowIdExpr : SqlExpr
{
    /// <summary>The number of the FROM item whose row id this is, or null for the statement's only table.</summary>
    public int? Source { get; init; }

    /// <summary>As <see cref="ColumnExpr.OwnTable"/>.</summary>
    public string? OwnTable { get; init; }
}

/// <summary>An output column of a derived table or common table expression, by position: <c>"s&lt;n&gt;"."o&lt;i&gt;"</c>.</summary>
public sealed record SourceColumnExpr(int Source, int Ordinal) : SqlExpr;

/// <summary>A stored vector as a value: an argument of a vector function reads it in place (column id and slot), anywhere else it becomes a vector value (<c>vs_vector</c>).</summary>
public sealed record VectorColumnExpr(ColumnSchema Column, int? Source) : SqlExpr
{
    /// <summary>As <see cref="ColumnExpr.OwnTable"/>.</summary>
    public string? OwnTable { get; init; }

    /// <summary>The slot column itself, qualified the same way: for IS NULL and count, which need no vector.</summary>
    public ColumnExpr Slot => new(Column) { Source = Source, OwnTable = OwnTable };
}

/// <summary>A constant vector (a literal or a parameter), bound as a vector value (<see cref="Functions.VectorBlob"/>).</summary>
/// <param name="Data">The elements in <paramref name="Element"/>'s encoding.</param>
public sealed record VectorConstantExpr(Indexes.VectorElement Element, int Dimensions, byte[] Data) : SqlExpr
{
    /// <summary>The elements as floats (0 and 1 for bits), as a search takes its query.</summary>
    public float[] ToFloats()
    {
        var floats = new float[Dimensions];
        switch (Element)
        {
            case Indexes.VectorElement.Float32:
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Data).CopyTo(floats);
                break;
            case Indexes.VectorElement.Float16:
                var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(Data);
                for (int i = 0; i < floats.Length; i++)
                    floats[i] = (float)halves[i];
                break;
            default:
                var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(Data);
                for (int i = 0; i < floats.Length; i++)
                    floats[i] = (words[i >> 6] >> (i & 63) & 1) != 0 ? 1f : 0f;
                break;
        }
        return floats;
    }

    /// <inheritdoc />
    public bool Equals(VectorConstantExpr? other) => other is not null && Element == other.Element && Dimensions == other.Dimensions && Data.AsSpan().SequenceEqual(other.Data);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Element, Dimensions, Data.Length);
}

/// <summary>A call of one of VecStore's SQL functions (<see cref="Functions.VectorFunction"/>): vector operators, conversions, the vector aggregates.</summary>
/// <param name="Arguments">Vector arguments (<see cref="VectorColumnExpr"/>, <see cref="VectorConstantExpr"/>, or anything of vector type) and, after them, scalar ones (subvector's bounds, a cast's element type and dimensions).</param>
public sealed record VectorCallExpr(Functions.VectorFunction Function, IReadOnlyList<SqlExpr> Arguments) : SqlExpr
{
    /// <summary>True when the call gives a vector value rather than a number or text.</summary>
    public bool ReturnsVector => Function is Functions.VectorFunction.Vector or Functions.VectorFunction.Normalize or Functions.VectorFunction.Subvector
        or Functions.VectorFunction.BinaryQuantize or Functions.VectorFunction.Add or Functions.VectorFunction.Subtract or Functions.VectorFunction.Multiply
        or Functions.VectorFunction.Concat or Functions.VectorFunction.FromText or Functions.VectorFunction.Cast or Functions.VectorFunction.Average
        or Functions.VectorFunction.Sum;

    /// <summary>True for avg and sum of vectors.</summary>
    public bool IsAggregate => Function is Functions.VectorFunction.Average or Functions.VectorFunction.Sum;
}

/// <summary>One of SQLite's aggregates: <c>count(*)</c>, <c>count([DISTINCT] x)</c>, <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>total</c>, <c>group_concat</c>.</summary>
public sealed record AggregateExpr(SqlAggregate Function, IReadOnlyList<SqlExpr> Arguments, bool Distinct) : SqlExpr;

/// <summary>A scalar subquery: <c>(SELECT ...)</c>, its first column of its first row, or NULL.</summary>
public sealed record SubqueryExpr(SqlQuery Query) : SqlExpr;

/// <summary><c>EXISTS (SELECT ...)</c>.</summary>
public sealed record ExistsExpr(SqlQuery Query) : SqlExpr;

/// <summary><c>value [NOT] IN (SELECT ...)</c>.</summary>
public sealed record InQueryExpr(SqlExpr Value, SqlQuery Query, bool Negated) : SqlExpr;

/// <summary><c>CAST(value AS type)</c> to a scalar type SQLite knows.</summary>
public sealed record CastExpr(SqlExpr Value, SqlCastType Type) : SqlExpr;

/// <summary><c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c>.</summary>
public sealed record CaseExpr(SqlExpr? Operand, IReadOnlyList<(SqlExpr When, SqlExpr Then)> Branches, SqlExpr? Else) : SqlExpr;

/// <summary>A position in a query's output, for ORDER BY of a compound SELECT (rendered as the number).</summary>
public sealed record OutputPositionExpr(int Position) : SqlExpr;

/// <summary>SQLite's aggregate functions VecStore renders; their SQL names are VecStore's constants.</summary>
public enum SqlAggregate
{
    /// <summary><c>count(*)</c> when it has no argument, else <c>count(x)</c>.</summary>
    Count,
    /// <summary><c>sum</c>: INTEGER or REAL, NULL for no rows.</summary>
    Sum,
    /// <summary><c>total</c>: a REAL sum, 0.0 for no rows.</summary>
    Total,
    /// <summary><c>avg</c>.</summary>
    Avg,
    /// <summary><c>min</c>.</summary>
    Min,
    /// <summary><c>max</c>.</summary>
    Max,
    /// <summary><c>group_concat</c> (<c>string_agg</c> in PostgreSQL).</summary>
    GroupConcat,
}

/// <summary>The scalar types <c>CAST</c> renders.</summary>
public enum SqlCastType
{
    /// <summary>INTEGER.</summary>
    Integer,
    /// <summary>REAL.</summary>
    Real,
    /// <summary>TEXT.</summary>
    Text,
    /// <summary>BLOB.</summary>
    Blob,
}

/// <summary>A value that changes from row to row of one write (an upsert's proposed row, <c>excluded.col</c>): a parameter the writer fills in for each row.</summary>
/// <param name="Ordinal">The column's position in the proposed row, or <see cref="TargetRowId"/> for the row id of the existing row.</param>
public sealed record RowParameterExpr(int Ordinal) : SqlExpr
{
    /// <summary>The ordinal that stands for the row id of the existing row an upsert updates.</summary>
    public const int TargetRowId = -1;
}

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
