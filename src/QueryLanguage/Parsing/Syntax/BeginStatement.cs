using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>BEGIN [TRANSACTION] (grammar rule BeginStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record BeginStatement(SourceSpan Span) : Statement(Span);
