using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A column, optionally qualified by a table name or alias: <c>price</c>, <c>d.price</c> (grammar rule ColumnReference).</summary>
/// <param name="Qualifier">The table name or alias before the dot, or null.</param>
/// <param name="Name">The column (or select-list alias).</param>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public sealed record ColumnReference(Identifier? Qualifier, Identifier Name, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height => 1;
}
