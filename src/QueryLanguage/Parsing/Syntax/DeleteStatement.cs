using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>DELETE FROM ... [WHERE] [RETURNING ...] (grammar rule DeleteStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Where">The filter, or null for every row.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
/// <param name="Returning">The RETURNING list (the deleted rows as they were), or null.</param>
public sealed record DeleteStatement(Identifier Table, Expression? Where, SourceSpan Span, IReadOnlyList<SelectItem>? Returning = null) : Statement(Span);
