using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>x [NOT] LIKE pattern [ESCAPE e]</c>.</summary>
/// <param name="Operand">The tested text.</param>
/// <param name="Negated">True for NOT LIKE.</param>
/// <param name="Pattern">The pattern.</param>
/// <param name="Escape">The escape character's expression, or null.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record LikeExpression(Expression Operand, bool Negated, Expression Pattern, Expression? Escape, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Math.Max(Operand.Height, Math.Max(Pattern.Height, Escape?.Height ?? 0));
}
