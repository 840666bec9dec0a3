using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>SELECT [DISTINCT | ALL] items FROM ... WHERE ... GROUP BY ... HAVING ...</c> (grammar rule SelectCore).</summary>
/// <param name="Distinct">True for SELECT DISTINCT.</param>
/// <param name="Items">The select list, at least one item.</param>
/// <param name="From">What FROM reads (a table, a derived table or a join of them), or null without FROM.</param>
/// <param name="Where">The filter, or null.</param>
/// <param name="GroupBy">The GROUP BY expressions, empty when absent.</param>
/// <param name="Having">The HAVING condition, or null.</param>
/// <param name="Span">The text of the core.</param>
public sealed record SelectCore(bool Distinct, IReadOnlyList<SelectItem> Items, FromItem? From, Expression? Where, IReadOnlyList<Expression> GroupBy, Expression? Having, SourceSpan Span) : SyntaxNode(Span);
