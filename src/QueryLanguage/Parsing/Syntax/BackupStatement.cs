using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>BACKUP TO 'path' (grammar rule BackupStatement): an archive of one snapshot.</summary>
/// <param name="Path">The archive to write, quotes removed.</param>
/// <param name="PathSpan">The string literal of the path.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record BackupStatement(string Path, SourceSpan PathSpan, SourceSpan Span) : Statement(Span);
