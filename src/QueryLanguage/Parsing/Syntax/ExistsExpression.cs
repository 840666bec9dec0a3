using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>EXISTS (SELECT ...)</c>: true when the subquery has a row (grammar rule ExistsExpression); NOT EXISTS is NOT applied to it.</summary>
/// <param name="Query">The subquery.</param>
/// <param name="Span">The text of the expression.</param>
public sealed record ExistsExpression(SelectStatement Query, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height => 1;
}
