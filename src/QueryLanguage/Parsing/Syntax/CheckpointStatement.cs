using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>CHECKPOINT: copy logged vectors into pages now (grammar rule CheckpointStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CheckpointStatement(SourceSpan Span) : Statement(Span);
