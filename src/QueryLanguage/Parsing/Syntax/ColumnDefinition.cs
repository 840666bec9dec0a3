using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A column of CREATE TABLE: name, type and constraints (grammar rule ColumnDefinition).</summary>
/// <param name="Name">The column.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="Constraints">Its constraints in the order written; the parser does not reject duplicates or contradictions.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record ColumnDefinition(Identifier Name, DataTypeSyntax Type, IReadOnlyList<ColumnConstraint> Constraints, SourceSpan Span) : SyntaxNode(Span);
