using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>DROP TABLE (grammar rule DropTableStatement).</summary>
/// <param name="IfExists">True when written with IF EXISTS.</param>
/// <param name="Name">The table.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record DropTableStatement(bool IfExists, Identifier Name, SourceSpan Span) : Statement(Span);
