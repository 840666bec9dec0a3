using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A table, or a common table expression, named in FROM with an optional alias (grammar rule TableReference).</summary>
/// <param name="Name">The table.</param>
/// <param name="Alias">The alias, or null.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record TableReference(Identifier Name, Identifier? Alias, SourceSpan Span) : FromItem(Span);
