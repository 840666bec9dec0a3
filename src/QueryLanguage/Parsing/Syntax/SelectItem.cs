using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One item of a SELECT list (grammar rule SelectItem): a star or an expression.</summary>
/// <param name="Span">The text of the item, alias included.</param>
public abstract record SelectItem(SourceSpan Span) : SyntaxNode(Span);
