using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>INSERT INTO ... VALUES or INSERT INTO ... SELECT, with an optional upsert and RETURNING (grammar rule InsertStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">The column list, or null when omitted (all columns in table order).</param>
/// <param name="Rows">The VALUES rows; empty when <paramref name="Query"/> gives the rows.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
/// <param name="Query">The SELECT whose rows are inserted, or null for VALUES.</param>
/// <param name="With">Common table expressions written before INSERT, which the SELECT (and subqueries) may read; empty when absent.</param>
/// <param name="OnConflict">ON CONFLICT ..., or null.</param>
/// <param name="Returning">The RETURNING list, or null.</param>
public sealed record InsertStatement(
    Identifier Table,
    IReadOnlyList<Identifier>? Columns,
    IReadOnlyList<ValuesRow> Rows,
    SourceSpan Span,
    SelectStatement? Query = null,
    IReadOnlyList<CommonTableExpression>? With = null,
    UpsertClause? OnConflict = null,
    IReadOnlyList<SelectItem>? Returning = null) : Statement(Span);
