using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One ORDER BY item (grammar rule OrderByItem).</summary>
/// <param name="Expression">What to sort by: an expression, often <c>distance(...)</c> or an alias.</param>
/// <param name="Direction">ASC (also when omitted) or DESC.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record OrderByItem(Expression Expression, SortDirection Direction, SourceSpan Span) : SyntaxNode(Span);
