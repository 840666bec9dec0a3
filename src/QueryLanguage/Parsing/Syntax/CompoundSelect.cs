using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>A set operation and the select core after it: <c>UNION [ALL] SELECT ...</c>, <c>INTERSECT</c>, <c>EXCEPT</c>.</summary>
/// <param name="Operator">The set operation.</param>
/// <param name="Core">The core it combines with what came before.</param>
/// <param name="OperatorSpan">The operator's words, where errors about it point.</param>
/// <param name="Span">The operator and the core.</param>
public sealed record CompoundSelect(SetOperator Operator, SelectCore Core, SourceSpan OperatorSpan, SourceSpan Span) : SyntaxNode(Span);

/// <summary>The set operations of a compound SELECT.</summary>
public enum SetOperator
{
    /// <summary>UNION: the distinct rows of both.</summary>
    Union,

    /// <summary>UNION ALL: every row of both.</summary>
    UnionAll,

    /// <summary>INTERSECT: the distinct rows in both.</summary>
    Intersect,

    /// <summary>EXCEPT: the distinct rows of the first that the second lacks.</summary>
    Except,
}
