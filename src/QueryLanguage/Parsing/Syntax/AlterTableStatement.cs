using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>ALTER TABLE (grammar rule AlterTableStatement).</summary>
/// <param name="Table">The table.</param>
/// <param name="Action">What changes.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record AlterTableStatement(Identifier Table, AlterTableAction Action, SourceSpan Span) : Statement(Span);
