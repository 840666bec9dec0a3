using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>One <c>column = value</c> of UPDATE ... SET (grammar rule Assignment).</summary>
/// <param name="Column">The column.</param>
/// <param name="Value">The new value.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record Assignment(Identifier Column, Expression Value, SourceSpan Span) : SyntaxNode(Span);
