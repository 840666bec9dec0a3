using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One parenthesised row of VALUES (grammar rule ValuesRow).</summary>
/// <param name="Values">The values, at least one.</param>
/// <param name="Span">The text of the row, parentheses included.</param>
public sealed record ValuesRow(IReadOnlyList<Expression> Values, SourceSpan Span) : SyntaxNode(Span);
