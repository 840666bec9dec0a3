using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A column constraint: PRIMARY KEY, NOT NULL, NULL or DEFAULT value (grammar rule ColumnConstraint).</summary>
/// <param name="Kind">Which constraint.</param>
/// <param name="Value">For DEFAULT, the value: a <see cref="LiteralExpression"/> (signed numbers folded) or a <see cref="VectorLiteralExpression"/>; otherwise null.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record ColumnConstraint(ColumnConstraintKind Kind, Expression? Value, SourceSpan Span) : SyntaxNode(Span);
