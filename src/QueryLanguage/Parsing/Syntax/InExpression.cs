using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Negated">True for NOT IN.</param>
/// <param name="Values">The list, at least one value.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record InExpression(Expression Operand, bool Negated, IReadOnlyList<Expression> Values, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Math.Max(Operand.Height, MaxHeight(Values));
}
