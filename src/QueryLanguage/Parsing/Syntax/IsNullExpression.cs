using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>x IS [NOT] NULL</c>.</summary>
/// <param name="Operand">The tested value.</param>
/// <param name="Negated">True for IS NOT NULL.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record IsNullExpression(Expression Operand, bool Negated, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Operand.Height;
}
