using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>RESET name | ALL (grammar rule ResetStatement): a setting, or every one, back to its default.</summary>
/// <param name="Name">The setting as written, or null for ALL.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record ResetStatement(Identifier? Name, SourceSpan Span) : Statement(Span);
