using VecStore.Indexes;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// WHERE: the top-level AND terms that compare a distance with a number are range searches, which
// VecStore answers with a scan of the vectors; every other term is a condition SQLite evaluates.
internal sealed partial class Binder
{
    /// <summary>A WHERE clause (or none): the conditions SQLite evaluates, and the distance ranges.</summary>
    private (SqlExpr? Where, List<DistanceRange> Ranges) BindWhere(Expression? where, Scope scope)
    {
        var ranges = new List<DistanceRange>();
        if (where is null)
            return (null, ranges);
        var terms = new List<Expression>();
        AddTerms(where, terms);
        if (!terms.Exists(IsRangeTerm))
            return (BindPredicate(where, scope), ranges);

        SqlExpr? rest = null;
        foreach (var term in terms)
        {
            if (!IsRangeTerm(term))
            {
                var condition = BindPredicate(term, scope);
                rest = rest is null ? condition : new BinaryExpr(SqlBinaryOperator.And, rest, condition);
            }
            else if (BindRange(term, scope) is { } range)
            {
                int same = ranges.FindIndex(r => r.Distance.SameAs(range.Distance));
                if (same < 0)
                    ranges.Add(range);
                else
                    ranges[same] = ranges[same].Merge(range);
            }
        }
        return (rest, ranges);
    }

    /// <summary>The WHERE clause as written, without its distance ranges (null when only ranges remain): what EXPLAIN shows SQLite filtering.</summary>
    internal static string? ScalarWhereText(Expression where, SourceText source)
    {
        var terms = new List<Expression>();
        AddTerms(where, terms);
        if (!terms.Exists(IsRangeTerm))
            return source.ToString(where.Span);
        var rest = new List<string>();
        foreach (var term in terms)
            if (!IsRangeTerm(term))
                rest.Add(source.ToString(term.Span));
        return rest.Count == 0 ? null : string.Join(" AND ", rest);
    }

    /// <summary>The top-level AND terms of a condition, left to right.</summary>
    /// <remarks>A parenthesised OR is one term: its span includes the parentheses, so joining the terms' text with AND reads as the original.</remarks>
    private static void AddTerms(Expression condition, List<Expression> terms)
    {
        if (condition is BinaryExpression { Operator: BinaryOperator.And } and)
        {
            AddTerms(and.Left, terms);
            AddTerms(and.Right, terms);
        }
        else
        {
            terms.Add(condition);
        }
    }

    /// <summary>True for a term shaped as a range search: a distance between a column and a constant on one side of &lt;, &lt;=, &gt; or &gt;=, a constant on the other, or such a distance before BETWEEN constants.</summary>
    /// <remarks>Any other condition on a distance (under OR, against a column or another distance) is evaluated by SQLite, row by row, like any condition.</remarks>
    private static bool IsRangeTerm(Expression term) => term switch
    {
        BinaryExpression { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } b
            => (IsColumnQueryDistance(b.Left) && IsConstant(b.Right)) || (IsColumnQueryDistance(b.Right) && IsConstant(b.Left)),
        BetweenExpression { Negated: false } between => IsColumnQueryDistance(between.Operand) && IsConstant(between.Lower) && IsConstant(between.Upper),
        _ => false,
    };

    /// <summary>A range-shaped term as a range; null (and errors) when its distance or its limits are wrong.</summary>
    private DistanceRange? BindRange(Expression term, Scope scope)
    {
        Expression distanceSide;
        double? lower, upper;
        bool lowerInclusive = true, upperInclusive = true;
        if (term is BetweenExpression between)
        {
            distanceSide = between.Operand;
            lower = BindRangeLimit(between.Lower);
            upper = BindRangeLimit(between.Upper);
        }
        else
        {
            var comparison = (BinaryExpression)term;
            bool distanceLeft = IsColumnQueryDistance(comparison.Left);
            distanceSide = distanceLeft ? comparison.Left : comparison.Right;
            var limitSide = distanceLeft ? comparison.Right : comparison.Left;
            double? limit = BindRangeLimit(limitSide);

            // 0.5 > distance(v, @q) reads as distance(v, @q) < 0.5.
            var op = comparison.Operator;
            if (!distanceLeft)
                op = op switch
                {
                    BinaryOperator.Less => BinaryOperator.Greater,
                    BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
                    BinaryOperator.Greater => BinaryOperator.Less,
                    _ => BinaryOperator.LessOrEqual,
                };
            bool below = op is BinaryOperator.Less or BinaryOperator.LessOrEqual;
            bool inclusive = op is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
            lower = below ? double.NegativeInfinity : limit;
            upper = below ? limit : double.PositiveInfinity;
            (lowerInclusive, upperInclusive) = below ? (true, inclusive) : (inclusive, true);
        }
        var call = TryBindDistance(distanceSide, scope);
        if (call is null || lower is null || upper is null)
            return null;
        return new DistanceRange(call, new DistanceBounds(lower.Value, lowerInclusive, upper.Value, upperInclusive), Text(term.Span));
    }

    /// <summary>The number a distance is compared with: a literal or a parameter; NaN for NULL, which no distance satisfies; null after an error.</summary>
    private double? BindRangeLimit(Expression expression)
    {
        if (!IsConstant(expression))
        {
            Error(ErrorCode.UnsupportedOperation, expression.Span, "a range search compares a distance with a number or a parameter, not with a column or an expression");
            return null;
        }
        var value = Evaluate(expression);
        if (ReferenceEquals(value, Invalid))
            return null;
        switch (NormaliseScalar(value))
        {
            case null or DBNull:
                return double.NaN;
            case long l:
                return l;
            case double d:
                return d;
            default:
                Error(ErrorCode.TypeMismatch, expression.Span, $"a distance is compared with a number, not {Describe(value)}");
                return null;
        }
    }
}
