using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>x [NOT] IN (SELECT ...)</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Negated">True for NOT IN.</param>
/// <param name="Query">The subquery, of one column.</param>
/// <param name="Span">The text of the expression.</param>
public sealed record InSubqueryExpression(Expression Operand, bool Negated, SelectStatement Query, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Operand.Height;
}
