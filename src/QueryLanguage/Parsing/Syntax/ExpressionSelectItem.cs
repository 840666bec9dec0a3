using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>An expression in a select list, with an optional alias.</summary>
/// <param name="Expression">The value.</param>
/// <param name="Alias">The name after AS (or without AS), or null.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record ExpressionSelectItem(Expression Expression, Identifier? Alias, SourceSpan Span) : SelectItem(Span);
