using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>CREATE INDEX, over a vector column (USING) or scalar columns (grammar rule CreateIndexStatement); not yet executed.</summary>
/// <param name="IfNotExists">True when written with IF NOT EXISTS.</param>
/// <param name="Name">The index.</param>
/// <param name="Table">The table it indexes.</param>
/// <param name="Method">The ANN method after USING, or null for a scalar index.</param>
/// <param name="Columns">The indexed columns: exactly one when <paramref name="Method"/> is set.</param>
/// <param name="Options">The WITH (key = value, ...) parameters, empty when absent.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record CreateIndexStatement(bool IfNotExists, Identifier Name, Identifier Table, IndexMethod? Method, IReadOnlyList<Identifier> Columns, IReadOnlyList<OptionSetting> Options, SourceSpan Span) : Statement(Span);
