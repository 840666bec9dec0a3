using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>SHOW name | ALL (grammar rule ShowStatement): a setting's value and where it came from, or every setting's.</summary>
/// <param name="Name">The setting as written, or null for ALL.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record ShowStatement(Identifier? Name, SourceSpan Span) : Statement(Span);
