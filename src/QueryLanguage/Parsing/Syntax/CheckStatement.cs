using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>CHECK: verify checksums and structures (grammar rule CheckStatement); not yet executed.</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CheckStatement(SourceSpan Span) : Statement(Span);
