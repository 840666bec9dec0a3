using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>CHECK: report the state of every file of the database (grammar rule CheckStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CheckStatement(SourceSpan Span) : Statement(Span);
