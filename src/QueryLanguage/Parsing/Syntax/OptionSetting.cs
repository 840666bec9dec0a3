using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One <c>key = value</c> of a WITH list: an index parameter or a per-query search option (grammar rule Option).</summary>
/// <param name="Name">The key as written, such as <c>ef_search</c>.</param>
/// <param name="Value">The value, signed numbers folded.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record OptionSetting(Identifier Name, LiteralExpression Value, SourceSpan Span) : SyntaxNode(Span);
