using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>What a FROM clause reads: a table (or common table expression) by name, a derived table, or a join of two of them.</summary>
/// <param name="Span">The text of the item.</param>
public abstract record FromItem(SourceSpan Span) : SyntaxNode(Span);

/// <summary><c>(SELECT ...) [AS] alias</c> in FROM (grammar rule DerivedTable).</summary>
/// <param name="Query">The query whose rows it holds.</param>
/// <param name="Alias">Its name, or null (then its columns are reached unqualified only).</param>
/// <param name="Span">The text of the item.</param>
public sealed record DerivedTable(SelectStatement Query, Identifier? Alias, SourceSpan Span) : FromItem(Span);

/// <summary>Two FROM items joined (grammar rule JoinSource): <c>a JOIN b ON ...</c>, <c>a LEFT JOIN b USING (x)</c>, <c>a, b</c>, <c>a CROSS JOIN b</c>.</summary>
/// <param name="Left">The item before the join.</param>
/// <param name="Kind">The kind of join.</param>
/// <param name="Right">The item after it.</param>
/// <param name="On">The ON condition, or null.</param>
/// <param name="Using">The USING columns, or null.</param>
/// <param name="OperatorSpan">The join's words (or the comma).</param>
/// <param name="Span">The text of the whole join.</param>
public sealed record JoinedTable(FromItem Left, JoinKind Kind, FromItem Right, Expression? On, IReadOnlyList<Identifier>? Using, SourceSpan OperatorSpan, SourceSpan Span) : FromItem(Span);

/// <summary>The kinds of join.</summary>
public enum JoinKind
{
    /// <summary><c>a, b</c>: every pair, filtered by WHERE.</summary>
    Comma,

    /// <summary><c>[INNER] JOIN</c>.</summary>
    Inner,

    /// <summary><c>LEFT [OUTER] JOIN</c>: every row of the left item, NULLs where the right has no match.</summary>
    Left,

    /// <summary><c>RIGHT [OUTER] JOIN</c>.</summary>
    Right,

    /// <summary><c>FULL [OUTER] JOIN</c>.</summary>
    Full,

    /// <summary><c>CROSS JOIN</c>.</summary>
    Cross,
}
