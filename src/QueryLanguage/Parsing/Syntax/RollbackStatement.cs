using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>ROLLBACK [TRANSACTION] (grammar rule RollbackStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record RollbackStatement(SourceSpan Span) : Statement(Span);
