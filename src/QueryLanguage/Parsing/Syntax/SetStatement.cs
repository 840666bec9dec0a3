using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>SET [SESSION | LOCAL] name = value (grammar rule SetStatement): a default for this connection's searches.</summary>
/// <param name="Name">The setting as written, a dotted name joined with its dot (<c>hnsw.ef_search</c>).</param>
/// <param name="Local">True for SET LOCAL: until the transaction ends.</param>
/// <param name="Value">A literal or parameter; a bare name is a string literal (<c>SET strategy = flat</c>); null for DEFAULT.</param>
/// <param name="Span">The text of the statement, without its ';'.</param>
public sealed record SetStatement(Identifier Name, bool Local, Expression? Value, SourceSpan Span) : Statement(Span);
