using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>UPDATE ... SET ... [FROM ...] [WHERE] [RETURNING ...] (grammar rule UpdateStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Assignments">The SET list, at least one.</param>
/// <param name="Where">The filter, or null for every row.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
/// <param name="Alias">The table's alias, or null.</param>
/// <param name="From">UPDATE ... FROM: other tables joined to each target row (PostgreSQL's and SQLite's spelling), or null.</param>
/// <param name="Returning">The RETURNING list, or null.</param>
public sealed record UpdateStatement(
    Identifier Table,
    IReadOnlyList<Assignment> Assignments,
    Expression? Where,
    SourceSpan Span,
    Identifier? Alias = null,
    FromItem? From = null,
    IReadOnlyList<SelectItem>? Returning = null) : Statement(Span);
