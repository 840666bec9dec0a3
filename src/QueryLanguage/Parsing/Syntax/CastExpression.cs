using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>CAST(x AS type)</c> (grammar rule CastExpression): a scalar type, or <c>VECTOR(n) [HALF]</c> / <c>BIT(n)</c>.</summary>
/// <param name="Operand">The value converted.</param>
/// <param name="Type">The type it becomes.</param>
/// <param name="Span">The text of the expression.</param>
public sealed record CastExpression(Expression Operand, DataTypeSyntax Type, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Operand.Height;
}
