using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>INSERT INTO ... VALUES (grammar rule InsertStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">The column list, or null when omitted (all columns in table order).</param>
/// <param name="Rows">The rows, at least one.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record InsertStatement(Identifier Table, IReadOnlyList<Identifier>? Columns, IReadOnlyList<ValuesRow> Rows, SourceSpan Span) : Statement(Span);
