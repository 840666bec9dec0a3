using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>RESTORE FROM 'path' (grammar rule RestoreStatement): the archive's database in place of a new, empty one.</summary>
/// <param name="Path">The archive to read, quotes removed.</param>
/// <param name="PathSpan">The string literal of the path.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record RestoreStatement(string Path, SourceSpan PathSpan, SourceSpan Span) : Statement(Span);
