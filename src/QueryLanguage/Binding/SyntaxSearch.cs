using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Searches an expression's syntax tree, without entering subqueries (they are their own SELECT).</summary>
internal static class SyntaxSearch
{
    /// <summary>True when <paramref name="expression"/> or a node below it (outside subqueries) satisfies <paramref name="predicate"/>.</summary>
    public static bool Any(Expression? expression, Func<Expression, bool> predicate)
    {
        if (expression is null)
            return false;
        if (predicate(expression))
            return true;
        switch (expression)
        {
            case UnaryExpression u:
                return Any(u.Operand, predicate);
            case BinaryExpression b:
                return Any(b.Left, predicate) || Any(b.Right, predicate);
            case BetweenExpression between:
                return Any(between.Operand, predicate) || Any(between.Lower, predicate) || Any(between.Upper, predicate);
            case InExpression inList:
                return Any(inList.Operand, predicate) || AnyOf(inList.Values, predicate);
            case InSubqueryExpression inQuery:
                return Any(inQuery.Operand, predicate);
            case LikeExpression like:
                return Any(like.Operand, predicate) || Any(like.Pattern, predicate) || Any(like.Escape, predicate);
            case IsNullExpression isNull:
                return Any(isNull.Operand, predicate);
            case FunctionCall call:
                return AnyOf(call.Arguments, predicate);
            case CastExpression cast:
                return Any(cast.Operand, predicate);
            case CaseExpression @case:
                if (Any(@case.Operand, predicate) || Any(@case.Else, predicate))
                    return true;
                foreach (var branch in @case.Branches)
                    if (Any(branch.When, predicate) || Any(branch.Then, predicate))
                        return true;
                return false;
            case VectorLiteralExpression vector:
                return AnyOf(vector.Elements, predicate);
            default:
                return false;
        }
    }

    private static bool AnyOf(IReadOnlyList<Expression> expressions, Func<Expression, bool> predicate)
    {
        foreach (var expression in expressions)
            if (Any(expression, predicate))
                return true;
        return false;
    }
}
