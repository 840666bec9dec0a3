using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A function call such as <c>distance(embedding, @q)</c> or <c>count(*)</c> (grammar rule FunctionCall).</summary>
/// <param name="Name">The function's name as written.</param>
/// <param name="Arguments">The arguments; empty for <c>count(*)</c>.</param>
/// <param name="IsCountStar">True for <c>count(*)</c>.</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
/// <param name="Distinct">True for an aggregate over distinct values: <c>count(DISTINCT x)</c>.</param>
public sealed record FunctionCall(Identifier Name, IReadOnlyList<Expression> Arguments, bool IsCountStar, SourceSpan Span, bool Distinct = false) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + MaxHeight(Arguments);
}
