using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One statement of a command text (grammar rule Statement).</summary>
/// <param name="Span">The text of the statement, without its ';'.</param>
public abstract record Statement(SourceSpan Span) : SyntaxNode(Span);
