using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>*</c> or <c>t.*</c> in a select list.</summary>
/// <param name="Qualifier">The table name or alias before <c>.*</c>, or null for a bare <c>*</c>.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record StarSelectItem(Identifier? Qualifier, SourceSpan Span) : SelectItem(Span);
