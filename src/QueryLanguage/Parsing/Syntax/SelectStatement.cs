using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>SELECT (grammar rule SelectStatement): common table expressions, select cores joined by set operations, ORDER BY, LIMIT and search options.</summary>
/// <param name="With">The common table expressions of WITH, empty when absent.</param>
/// <param name="Core">The first (often the only) select core.</param>
/// <param name="Compounds">The cores after UNION, INTERSECT or EXCEPT, empty for a plain SELECT.</param>
/// <param name="OrderBy">The ORDER BY items, empty when absent.</param>
/// <param name="Limit">The LIMIT expression, or null.</param>
/// <param name="Offset">The OFFSET expression, or null; only with a limit.</param>
/// <param name="Options">Per-query search options of WITH (...), empty when absent.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record SelectStatement(
    IReadOnlyList<CommonTableExpression> With,
    SelectCore Core,
    IReadOnlyList<CompoundSelect> Compounds,
    IReadOnlyList<OrderByItem> OrderBy,
    Expression? Limit,
    Expression? Offset,
    IReadOnlyList<OptionSetting> Options,
    SourceSpan Span) : Statement(Span)
{
    /// <summary>The select list of the first core.</summary>
    public IReadOnlyList<SelectItem> Items => Core.Items;

    /// <summary>The WHERE clause of the first core, or null.</summary>
    public Expression? Where => Core.Where;
}
