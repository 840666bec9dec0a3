using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A node of the syntax tree: a statement, an expression, or a part of one.</summary>
/// <remarks>
/// Nodes are immutable. Every node carries the span of the text it was parsed from, so later stages
/// can point at it in an error. Lists are compared by reference by the generated record equality;
/// compare trees by printing them.
/// </remarks>
/// <param name="Span">Where the node's text lies in the command text.</param>
public abstract record SyntaxNode(SourceSpan Span);
