using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>x [NOT] BETWEEN lower AND upper</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Negated">True for NOT BETWEEN.</param>
/// <param name="Lower">The lower bound, inclusive.</param>
/// <param name="Upper">The upper bound, inclusive.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record BetweenExpression(Expression Operand, bool Negated, Expression Lower, Expression Upper, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Math.Max(Operand.Height, Math.Max(Lower.Height, Upper.Height));
}
