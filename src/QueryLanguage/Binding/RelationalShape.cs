using VecStore.QueryLanguage.Parsing.Syntax;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Tells the two shapes of SELECT apart by their syntax: the single-table shape keeps VecStore's own plans, the relational shape is rendered as one SQLite statement.</summary>
/// <remarks>
/// The single-table shape is what every SELECT was before joins: at most one table in FROM and no
/// joins, derived tables, common table expressions, set operations, DISTINCT, GROUP BY, HAVING,
/// subqueries or aggregates, except <c>count(*)</c> as the only select item. Deciding by syntax
/// keeps the single-table searches exactly as they were.
/// </remarks>
internal static class RelationalShape
{
    /// <summary>True when <paramref name="select"/> needs the relational path.</summary>
    public static bool Needs(SelectStatement select)
    {
        var core = select.Core;
        if (select.With.Count > 0 || select.Compounds.Count > 0 || core.Distinct || core.GroupBy.Count > 0 || core.Having is not null)
            return true;
        if (core.From is not (null or TableReference))
            return true;
        bool loneCountStar = core.Items.Count == 1 && core.Items[0] is ExpressionSelectItem { Expression: FunctionCall { IsCountStar: true } };
        foreach (var item in core.Items)
        {
            if (item is ExpressionSelectItem e && (Nests(e.Expression) || (!loneCountStar && Aggregates(e.Expression))))
                return true;
        }
        if (Nests(core.Where) || Aggregates(core.Where))
            return true;
        foreach (var key in select.OrderBy)
            if (Nests(key.Expression) || Aggregates(key.Expression))
                return true;
        return false;
    }

    private static bool Nests(Expression? expression) =>
        SyntaxSearch.Any(expression, e => e is SubqueryExpression or ExistsExpression or InSubqueryExpression);

    private static bool Aggregates(Expression? expression) =>
        SyntaxSearch.Any(expression, e => e is FunctionCall f && (f.IsCountStar || IsAggregateName(f)));

    private static bool IsAggregateName(FunctionCall call) => call.Name.Text.ToLowerInvariant() switch
    {
        "count" or "sum" or "total" or "avg" or "group_concat" or "string_agg" or "array_agg" or "json_group_array" or "json_group_object"
            or "bool_and" or "bool_or" or "every" or "stddev" or "variance" => true,
        "min" or "max" => call.Arguments.Count == 1,
        _ => false,
    };
}
