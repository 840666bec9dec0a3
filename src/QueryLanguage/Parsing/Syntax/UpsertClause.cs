using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>ON CONFLICT [(key, ...)] DO NOTHING | DO UPDATE SET ... [WHERE ...]</c> (grammar rule UpsertClause).</summary>
/// <param name="Target">The conflict target's columns, or null when omitted (the primary key).</param>
/// <param name="DoNothing">True for DO NOTHING.</param>
/// <param name="Assignments">The SET list of DO UPDATE; empty for DO NOTHING. <c>excluded.col</c> is the row that was proposed.</param>
/// <param name="Where">DO UPDATE's condition on the existing and proposed rows, or null.</param>
/// <param name="Span">The text of the whole clause.</param>
public sealed record UpsertClause(IReadOnlyList<Identifier>? Target, bool DoNothing, IReadOnlyList<Assignment> Assignments, Expression? Where, SourceSpan Span) : SyntaxNode(Span);
