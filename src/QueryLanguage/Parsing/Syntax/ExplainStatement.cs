using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>EXPLAIN [ANALYZE] statement (grammar rule ExplainStatement).</summary>
/// <param name="Analyze">True for EXPLAIN ANALYZE, which also runs the statement and reports what it did.</param>
/// <param name="Statement">The explained SELECT, INSERT, UPDATE or DELETE.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record ExplainStatement(bool Analyze, Statement Statement, SourceSpan Span) : Statement(Span);
