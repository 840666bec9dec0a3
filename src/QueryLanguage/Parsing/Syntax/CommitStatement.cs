using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>COMMIT or END [TRANSACTION] (grammar rule CommitStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CommitStatement(SourceSpan Span) : Statement(Span);
