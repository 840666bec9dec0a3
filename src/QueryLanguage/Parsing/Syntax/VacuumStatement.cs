using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>VACUUM: compact the database files (grammar rule VacuumStatement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record VacuumStatement(SourceSpan Span) : Statement(Span);
