using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>ANALYZE [table]: gather statistics for the planner (grammar rule AnalyzeStatement).</summary>
/// <param name="Table">The table, or null for all tables.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record AnalyzeStatement(Identifier? Table, SourceSpan Span) : Statement(Span);
