using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A name as written: a table, column, index, function, alias or option name (grammar rule Name).</summary>
/// <remarks>Unquoted names include non-reserved keywords used as names (<c>text</c>, <c>key</c>).</remarks>
/// <param name="Text">The name: for a quoted identifier the text between the quotes, with <c>""</c> read as <c>"</c>; otherwise as written, case kept.</param>
/// <param name="IsQuoted">True for a double-quoted identifier.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record Identifier(string Text, bool IsQuoted, SourceSpan Span) : SyntaxNode(Span);
