using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Functions;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// Aggregates: SQLite's (count, sum, total, avg, min, max, group_concat) and VecStore's avg and sum of
// vectors. They are allowed in a SELECT core's select list, HAVING and ORDER BY, never in WHERE, ON or
// GROUP BY, and not inside another aggregate; each error points at the call.
internal sealed partial class Binder
{
    /// <summary>Where aggregates may appear in the SELECT core being bound, and whether one did.</summary>
    private sealed class AggregateState
    {
        /// <summary>The clause being bound when it forbids aggregates ("WHERE", "ON", "GROUP BY"), or null.</summary>
        public string? Forbidden { get; set; }

        /// <summary>True while an aggregate's arguments are bound.</summary>
        public bool Inside { get; set; }

        /// <summary>True once an aggregate was bound: the core is an aggregate query.</summary>
        public bool Found { get; set; }
    }

    /// <summary>The state of the SELECT core being bound, or null outside one (UPDATE, DELETE, a single-table SELECT), where aggregates are not allowed.</summary>
    private AggregateState? _aggregates;

    /// <summary>The aggregates of other databases that VecStore does not run yet.</summary>
    private static readonly HashSet<string> OtherAggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "array_agg", "json_group_array", "json_group_object", "jsonb_group_array", "jsonb_group_object", "bool_and", "bool_or", "every",
        "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "median", "percentile", "mode",
    };

    /// <summary>True for a call of an aggregate: count, sum, total, avg, group_concat, string_agg, and min or max of one argument (of two or more they are SQLite's scalar functions).</summary>
    private static bool IsAggregateCall(FunctionCall call) => call.Name.Text.ToLowerInvariant() switch
    {
        "count" or "sum" or "total" or "avg" or "group_concat" or "string_agg" => true,
        "min" or "max" => call.Arguments.Count == 1,
        _ => OtherAggregates.Contains(call.Name.Text),
    };

    /// <summary>True when the syntax holds an aggregate call outside any subquery.</summary>
    private static bool ContainsAggregate(Expression expression) => SyntaxSearch.Any(expression, e => e is FunctionCall f && (f.IsCountStar || IsAggregateCall(f)));

    private Typed BindAggregate(FunctionCall call, Scope scope)
    {
        string name = call.Name.Text.ToLowerInvariant();
        if (_aggregates is not { Forbidden: null } state)
        {
            Error(ErrorCode.AggregateMisuse, call.Span, _aggregates?.Forbidden is { } clause
                ? $"aggregate functions are not allowed in {clause}; filter groups with HAVING"
                : $"aggregate functions are not allowed here: {call.Name.Text}() needs a SELECT to group the rows it reads");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (state.Inside)
        {
            Error(ErrorCode.AggregateMisuse, call.Span, $"aggregate calls cannot be nested: {call.Name.Text}() is inside another aggregate");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (OtherAggregates.Contains(name))
        {
            Error(ErrorCode.NotYetSupported, call.Name.Span, $"{call.Name.Text}() is not supported yet; the aggregates are count, sum, total, avg, min, max, group_concat and string_agg (avg and sum also of vectors)");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        state.Found = true;
        if (call.IsCountStar)
            return new Typed(new AggregateExpr(SqlAggregate.Count, [], false), ValueKind.Integer);

        var (min, max) = name switch
        {
            "group_concat" => (1, 2),
            "string_agg" => (2, 2),
            _ => (1, 1),
        };
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            Error(ErrorCode.UnknownFunction, call.Span, min == max
                ? $"{call.Name.Text} takes {min} argument{(min == 1 ? "" : "s")}, not {call.Arguments.Count}"
                : $"{call.Name.Text} takes {min} or {max} arguments, not {call.Arguments.Count}");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (call.Distinct && call.Arguments.Count > 1)
            Error(ErrorCode.UnsupportedOperation, call.Span, $"DISTINCT in {call.Name.Text} takes one argument (SQLite's rule); leave out the separator");

        state.Inside = true;
        var arguments = new List<Typed>(call.Arguments.Count);
        try
        {
            foreach (var argument in call.Arguments)
                arguments.Add(BindScalar(argument, scope));
        }
        finally
        {
            state.Inside = false;
        }

        var first = arguments[0];
        if (first.Kind == ValueKind.Vector)
            return BindVectorAggregate(call, name, first);
        for (int i = 1; i < arguments.Count; i++)
            RejectVector(arguments[i].Kind, call.Arguments[i].Span);

        var exprs = new List<SqlExpr>(arguments.Count);
        foreach (var argument in arguments)
            exprs.Add(argument.Expr);
        switch (name)
        {
            case "count":
                return new Typed(new AggregateExpr(SqlAggregate.Count, exprs, call.Distinct), ValueKind.Integer);
            case "sum" or "total" or "avg":
                RequireNumeric(first.Kind, call.Arguments[0].Span, $"{call.Name.Text}() adds numbers");
                var aggregate = name switch { "sum" => SqlAggregate.Sum, "total" => SqlAggregate.Total, _ => SqlAggregate.Avg };
                var kind = name == "sum" && first.Kind is ValueKind.Integer or ValueKind.Boolean ? ValueKind.Integer
                    : name == "sum" && first.Kind is ValueKind.Unknown or ValueKind.Null ? ValueKind.Unknown
                    : ValueKind.Real;
                return new Typed(new AggregateExpr(aggregate, exprs, call.Distinct), kind);
            case "min" or "max":
                return new Typed(new AggregateExpr(name == "min" ? SqlAggregate.Min : SqlAggregate.Max, exprs, call.Distinct), first.Kind);
            default:
                // string_agg(x, separator) is PostgreSQL's name for group_concat.
                return new Typed(new AggregateExpr(SqlAggregate.GroupConcat, exprs, call.Distinct), ValueKind.Text);
        }
    }

    /// <summary>An aggregate over vectors: avg and sum become VecStore's; count counts the non-NULL ones without reading them.</summary>
    private Typed BindVectorAggregate(FunctionCall call, string name, Typed vector)
    {
        switch (name)
        {
            case "count":
                var counted = vector.Expr is VectorColumnExpr stored && !call.Distinct ? stored.Slot : vector.Expr;
                return new Typed(new AggregateExpr(SqlAggregate.Count, [counted], call.Distinct), ValueKind.Integer);
            case "avg" or "sum":
                if (call.Distinct)
                {
                    Error(ErrorCode.UnsupportedOperation, call.Span, $"{name}(DISTINCT ...) of vectors is not supported");
                    return new Typed(Placeholder, ValueKind.Unknown);
                }
                if (vector.Vector is { Element: Indexes.VectorElement.Bit } bits)
                {
                    Error(ErrorCode.TypeMismatch, call.Arguments[0].Span, $"{name}() takes VECTOR or VECTOR HALF values, not {bits}");
                    return new Typed(Placeholder, ValueKind.Unknown);
                }
                return new Typed(new VectorCallExpr(name == "avg" ? VectorFunction.Average : VectorFunction.Sum, [vector.Expr]), ValueKind.Vector, vector.Vector);
            default:
                Error(ErrorCode.TypeMismatch, call.Arguments[0].Span, $"{call.Name.Text}() does not apply to vectors; avg, sum and count do");
                return new Typed(Placeholder, ValueKind.Unknown);
        }
    }
}
