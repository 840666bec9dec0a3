using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>An expression (grammar rule Expression and the rules below it).</summary>
/// <remarks>
/// Parentheses leave no node of their own: the span of a parenthesised expression covers them.
/// The parser limits an expression's depth (see <see cref="SqlParser.MaxExpressionDepth"/>), so
/// later stages may walk the tree recursively.
/// </remarks>
/// <param name="Span">The text of the expression, including any parentheses around it.</param>
public abstract record Expression(SourceSpan Span) : SyntaxNode(Span)
{
    /// <summary>Nodes on the longest path from this one down to a leaf; a leaf has height 1.</summary>
    internal abstract int Height { get; }

    /// <summary>The greatest height among <paramref name="expressions"/>, 0 for none.</summary>
    internal static int MaxHeight(IReadOnlyList<Expression> expressions)
    {
        int max = 0;
        foreach (var expression in expressions)
            max = Math.Max(max, expression.Height);
        return max;
    }
}
