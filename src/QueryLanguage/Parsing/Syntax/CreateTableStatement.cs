using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>CREATE TABLE (grammar rule CreateTableStatement).</summary>
/// <param name="IfNotExists">True when written with IF NOT EXISTS.</param>
/// <param name="Name">The table.</param>
/// <param name="Columns">The columns in the order written.</param>
/// <param name="Constraints">Table constraints such as PRIMARY KEY (a, b), in the order written.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CreateTableStatement(bool IfNotExists, Identifier Name, IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<TableConstraint> Constraints, SourceSpan Span) : Statement(Span);
