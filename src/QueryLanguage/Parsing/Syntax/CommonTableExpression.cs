using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>name [(columns)] AS (SELECT ...)</c> in a WITH clause (grammar rule CommonTableExpression).</summary>
/// <param name="Name">The name the statement reads it by.</param>
/// <param name="Columns">Names for its columns, or null to take the select list's.</param>
/// <param name="Query">Its query.</param>
/// <param name="Span">The text of the whole definition.</param>
public sealed record CommonTableExpression(Identifier Name, IReadOnlyList<Identifier>? Columns, SelectStatement Query, SourceSpan Span) : SyntaxNode(Span);
