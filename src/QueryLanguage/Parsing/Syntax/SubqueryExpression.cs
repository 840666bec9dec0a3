using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A scalar subquery, <c>(SELECT ...)</c>: the first column of its first row, or NULL (grammar rule SubqueryExpression).</summary>
/// <param name="Query">The subquery.</param>
/// <param name="Span">The text of the expression, parentheses included.</param>
public sealed record SubqueryExpression(SelectStatement Query, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    /// <remarks>A subquery's own expressions are bounded by the parser's nesting limit.</remarks>
    internal override int Height => 1;
}
