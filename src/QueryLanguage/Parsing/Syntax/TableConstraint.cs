using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A table constraint of CREATE TABLE (grammar rule TableConstraint).</summary>
/// <param name="Kind">Which constraint.</param>
/// <param name="Columns">The columns it covers, in order.</param>
/// <param name="Span">The text of the whole node.</param>
public sealed record TableConstraint(TableConstraintKind Kind, IReadOnlyList<Identifier> Columns, SourceSpan Span) : SyntaxNode(Span);
