using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A vector literal such as <c>[0.1, -2, 3e-3]</c> (grammar rule VectorLiteral).</summary>
/// <param name="Elements">The elements: <see cref="LiteralExpression"/>s of kind Integer or Real, or <see cref="ParameterExpression"/>s.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record VectorLiteralExpression(IReadOnlyList<Expression> Elements, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + MaxHeight(Elements);
}
