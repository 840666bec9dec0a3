using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>UPDATE ... SET ... [WHERE] (grammar rule UpdateStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Assignments">The SET list, at least one.</param>
/// <param name="Where">The filter, or null for every row.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record UpdateStatement(Identifier Table, IReadOnlyList<Assignment> Assignments, Expression? Where, SourceSpan Span) : Statement(Span);
