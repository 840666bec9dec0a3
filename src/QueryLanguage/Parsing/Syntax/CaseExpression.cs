using VecStore.QueryLanguage.Diagnostics;

namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary><c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c> (grammar rule CaseExpression).</summary>
/// <param name="Operand">The value compared with each WHEN, or null when each WHEN is a condition.</param>
/// <param name="Branches">The WHEN ... THEN pairs, at least one.</param>
/// <param name="Else">The ELSE value, or null (NULL).</param>
/// <param name="Span">The text of the expression.</param>
public sealed record CaseExpression(Expression? Operand, IReadOnlyList<CaseBranch> Branches, Expression? Else, SourceSpan Span) : Expression(Span)
{
    /// <inheritdoc />
    internal override int Height { get; } = 1 + Math.Max(Math.Max(Operand?.Height ?? 0, Else?.Height ?? 0), BranchHeight(Branches));

    private static int BranchHeight(IReadOnlyList<CaseBranch> branches)
    {
        int max = 0;
        foreach (var branch in branches)
            max = Math.Max(max, Math.Max(branch.When.Height, branch.Then.Height));
        return max;
    }
}

/// <summary><c>WHEN condition-or-value THEN result</c> (grammar rule CaseBranch).</summary>
public sealed record CaseBranch(Expression When, Expression Then, SourceSpan Span) : SyntaxNode(Span);
