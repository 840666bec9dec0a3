using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>SELECT (grammar rule SelectStatement).</summary>
/// <param name="Items">The select list, at least one item.</param>
/// <param name="From">The table, or null without FROM.</param>
/// <param name="Where">The filter, or null.</param>
/// <param name="OrderBy">The ORDER BY items, empty when absent.</param>
/// <param name="Limit">The LIMIT expression, or null.</param>
/// <param name="Offset">The OFFSET expression, or null; only with a limit.</param>
/// <param name="Options">Per-query search options of WITH (...), empty when absent (not yet executed).</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record SelectStatement(IReadOnlyList<SelectItem> Items, TableReference? From, Expression? Where, IReadOnlyList<OrderByItem> OrderBy, Expression? Limit, Expression? Offset, IReadOnlyList<OptionSetting> Options, SourceSpan Span) : Statement(Span);
