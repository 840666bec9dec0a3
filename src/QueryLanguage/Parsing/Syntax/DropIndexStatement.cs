using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>DROP INDEX (grammar rule DropIndexStatement); not yet executed.</summary>
/// <param name="IfExists">True when written with IF EXISTS.</param>
/// <param name="Name">The index.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record DropIndexStatement(bool IfExists, Identifier Name, SourceSpan Span) : Statement(Span);
