using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Functions;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// Expressions: trees SQLite evaluates, with a type for each. Names resolve through a Scope; vector
// operators and functions become calls of VecStore's SQL functions (Binder.Vectors.cs); a distance
// of the single-table shape (a column and a constant) can also be bound as a DistanceCall, which
// the single-table plans rank with VecStore's own search.
internal sealed partial class Binder
{
    private static readonly SqlExpr Placeholder = new ConstantExpr(null);

    /// <summary>A condition (WHERE, ON, HAVING): anything but a vector.</summary>
    private SqlExpr BindPredicate(Expression expression, Scope scope)
    {
        var (expr, kind) = BindScalar(expression, scope);
        if (kind == ValueKind.Vector)
            Error(ErrorCode.TypeMismatch, expression.Span, "a vector is not a condition; compare its distance to a query, or test it with IS NULL");
        return expr;
    }

    /// <summary>An expression SQLite evaluates, with the type the binder infers for it.</summary>
    private Typed BindScalar(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                return new Typed(new ConstantExpr(literal.Value), ValueKinds.OfValue(literal.Value));

            case ParameterExpression parameter:
                return BindParameter(parameter);

            case VectorLiteralExpression literal:
                return BindVectorConstant(literal, null, "a vector literal");

            case ColumnReference reference:
                return ResolveExcluded(reference, scope) ?? ResolveColumn(reference, scope) ?? new Typed(Placeholder, ValueKind.Unknown);

            case UnaryExpression unary:
            {
                var (operand, kind) = BindScalar(unary.Operand, scope);
                if (unary.Operator == UnaryOperator.Not)
                {
                    RejectVector(kind, unary.Operand.Span);
                    return new Typed(new UnaryExpr(SqlUnaryOperator.Not, operand), ValueKind.Integer);
                }
                RequireNumeric(kind, unary.Operand.Span, "a sign applies to numbers");
                return new Typed(new UnaryExpr(unary.Operator == UnaryOperator.Negate ? SqlUnaryOperator.Negate : SqlUnaryOperator.Plus, operand), kind);
            }

            case BinaryExpression binary:
                return BindBinary(binary, scope);

            case BetweenExpression between:
            {
                var (value, kind) = BindScalar(between.Operand, scope);
                var (low, lowKind) = BindScalar(between.Lower, scope);
                var (high, highKind) = BindScalar(between.Upper, scope);
                CheckComparable(kind, lowKind, between.Lower.Span);
                CheckComparable(kind, highKind, between.Upper.Span);
                return new Typed(new BetweenExpr(value, low, high, between.Negated), ValueKind.Integer);
            }

            case InExpression inList:
            {
                var (value, kind) = BindScalar(inList.Operand, scope);
                if (inList.Values.Count > Limits.MaxInListItems)
                {
                    Error(ErrorCode.LimitExceeded, inList.Values[Limits.MaxInListItems].Span, $"the IN list has {inList.Values.Count:N0} values; at most {Limits.MaxInListItems:N0} are allowed (put a longer set in a table)");
                    return new Typed(Placeholder, ValueKind.Integer);
                }
                var items = new List<SqlExpr>(inList.Values.Count);
                foreach (var item in inList.Values)
                {
                    var (expr, itemKind) = BindScalar(item, scope);
                    CheckComparable(kind, itemKind, item.Span);
                    items.Add(expr);
                }
                return new Typed(new InExpr(value, items, inList.Negated), ValueKind.Integer);
            }

            case InSubqueryExpression inQuery:
            {
                var (value, kind) = BindScalar(inQuery.Operand, scope);
                var sub = BindSubquery(inQuery.Query, scope, oneColumn: "IN (SELECT ...)");
                if (sub.Columns.Count == 1)
                    CheckComparable(kind, sub.Columns[0].Kind, inQuery.Span);
                return new Typed(new InQueryExpr(value, sub.Query, inQuery.Negated), ValueKind.Integer);
            }

            case ExistsExpression exists:
                return new Typed(new ExistsExpr(BindSubquery(exists.Query, scope, oneColumn: null).Query), ValueKind.Integer);

            case SubqueryExpression subquery:
            {
                var sub = BindSubquery(subquery.Query, scope, oneColumn: "a subquery used as a value");
                var column = sub.Columns.Count == 1 ? sub.Columns[0] : null;
                return new Typed(new SubqueryExpr(sub.Query), column?.Kind ?? ValueKind.Unknown, column?.Vector);
            }

            case LikeExpression like:
            {
                var (value, kind) = BindScalar(like.Operand, scope);
                var (pattern, patternKind) = BindScalar(like.Pattern, scope);
                if (kind is ValueKind.Vector)
                    Error(ErrorCode.TypeMismatch, like.Operand.Span, "LIKE applies to text, not to a vector");
                if (patternKind is not (ValueKind.Text or ValueKind.Null or ValueKind.Unknown))
                    Error(ErrorCode.TypeMismatch, like.Pattern.Span, "a LIKE pattern must be text");
                SqlExpr? escape = null;
                if (like.Escape is not null)
                {
                    var (e, escapeKind) = BindScalar(like.Escape, scope);
                    if (escapeKind is not (ValueKind.Text or ValueKind.Unknown) || e is ConstantExpr { Value: string { Length: not 1 } })
                        Error(ErrorCode.TypeMismatch, like.Escape.Span, "ESCAPE takes a single character");
                    escape = e;
                }
                return new Typed(new LikeExpr(value, pattern, escape, like.Negated), ValueKind.Integer);
            }

            case IsNullExpression isNull:
            {
                // A stored vector is NULL exactly when its slot number is: no vector is read.
                var value = BindScalar(isNull.Operand, scope).Expr;
                if (value is VectorColumnExpr stored)
                    value = stored.Slot;
                return new Typed(new IsNullExpr(value, isNull.Negated), ValueKind.Integer);
            }

            case FunctionCall call:
                return BindFunction(call, scope);

            case CastExpression cast:
                return BindCast(cast, scope);

            case CaseExpression @case:
                return BindCase(@case, scope);

            default:
                Error(ErrorCode.UnsupportedOperation, expression.Span, "this expression is not supported here");
                return new Typed(Placeholder, ValueKind.Unknown);
        }
    }

    private Typed BindParameter(ParameterExpression parameter)
    {
        var value = Evaluate(parameter);
        if (ReferenceEquals(value, Invalid))
            return new Typed(Placeholder, ValueKind.Unknown);
        var kind = ValueKinds.OfValue(value);
        if (kind == ValueKind.Vector)
            return BindVectorConstant(parameter, null, $"parameter {Text(parameter.Span)}");
        if (kind == ValueKind.Unknown)
        {
            Error(ErrorCode.TypeMismatch, parameter.Span, $"parameter {Text(parameter.Span)} has type {value!.GetType().Name}, which VecStore cannot compare or store");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (value is double and double.NaN or float and float.NaN || value is Half h && Half.IsNaN(h))
        {
            // SQLite has no NaN (it would store NULL), and the provider below refuses to bind one.
            Error(ErrorCode.TypeMismatch, parameter.Span, $"parameter {Text(parameter.Span)} is NaN, which VecStore cannot compare or store");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (Limits.ValueTooLarge(value) is { } tooLarge)
        {
            Error(ErrorCode.StorageLimit, parameter.Span, $"parameter {Text(parameter.Span)}: {tooLarge}");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        return new Typed(new ConstantExpr(NormaliseScalar(value)), kind);
    }

    private Typed BindBinary(BinaryExpression binary, Scope scope)
    {
        if (IsDistanceOperator(binary.Operator))
            return BindDistance(DistanceFunctionOf(binary.Operator), binary.Left, binary.Right, Text(binary.OperatorSpan), binary.Span, scope);

        var leftTyped = BindScalar(binary.Left, scope);
        var rightTyped = BindScalar(binary.Right, scope);
        if (binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Concat
            && (leftTyped.Kind == ValueKind.Vector || rightTyped.Kind == ValueKind.Vector))
            return BindVectorArithmetic(binary, leftTyped, rightTyped);
        if (binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
            && (leftTyped.Kind == ValueKind.Vector || rightTyped.Kind == ValueKind.Vector))
            return BindVectorComparison(binary, leftTyped, rightTyped);

        var (left, leftKind) = leftTyped;
        var (right, rightKind) = rightTyped;
        var op = binary.Operator switch
        {
            BinaryOperator.Or => SqlBinaryOperator.Or,
            BinaryOperator.And => SqlBinaryOperator.And,
            BinaryOperator.Equal => SqlBinaryOperator.Equal,
            BinaryOperator.NotEqual => SqlBinaryOperator.NotEqual,
            BinaryOperator.Less => SqlBinaryOperator.Less,
            BinaryOperator.LessOrEqual => SqlBinaryOperator.LessOrEqual,
            BinaryOperator.Greater => SqlBinaryOperator.Greater,
            BinaryOperator.GreaterOrEqual => SqlBinaryOperator.GreaterOrEqual,
            BinaryOperator.Add => SqlBinaryOperator.Add,
            BinaryOperator.Subtract => SqlBinaryOperator.Subtract,
            BinaryOperator.Multiply => SqlBinaryOperator.Multiply,
            BinaryOperator.Divide => SqlBinaryOperator.Divide,
            BinaryOperator.Modulo => SqlBinaryOperator.Modulo,
            _ => SqlBinaryOperator.Concat,
        };
        ValueKind kind;
        switch (op)
        {
            case SqlBinaryOperator.And or SqlBinaryOperator.Or:
                RejectVector(leftKind, binary.Left.Span);
                RejectVector(rightKind, binary.Right.Span);
                kind = ValueKind.Integer;
                break;
            case SqlBinaryOperator.Concat:
                kind = ValueKind.Text;
                break;
            case SqlBinaryOperator.Add or SqlBinaryOperator.Subtract or SqlBinaryOperator.Multiply or SqlBinaryOperator.Divide or SqlBinaryOperator.Modulo:
                RequireNumeric(leftKind, binary.Left.Span, "arithmetic applies to numbers");
                RequireNumeric(rightKind, binary.Right.Span, "arithmetic applies to numbers");
                kind = leftKind == ValueKind.Real || rightKind == ValueKind.Real ? ValueKind.Real
                    : leftKind is ValueKind.Null || rightKind is ValueKind.Null ? ValueKind.Null
                    : leftKind == ValueKind.Unknown || rightKind == ValueKind.Unknown ? ValueKind.Unknown
                    : ValueKind.Integer;
                break;
            default:
                CheckComparable(leftKind, rightKind, binary.Span);
                kind = ValueKind.Integer;
                break;
        }
        return new Typed(new BinaryExpr(op, left, right), kind);
    }

    private Typed BindFunction(FunctionCall call, Scope scope)
    {
        string name = call.Name.Text;
        if (call.IsCountStar || IsAggregateCall(call))
            return BindAggregate(call, scope);
        if (IsDistance(call))
        {
            if (call.Arguments.Count != 2)
            {
                Error(ErrorCode.InvalidDistanceCall, call.Span, $"{name} takes two arguments: two vectors, such as a vector column and a query vector");
                return new Typed(Placeholder, ValueKind.Real);
            }
            return BindDistance(DistanceFunctionOf(name), call.Arguments[0], call.Arguments[1], name, call.Span, scope);
        }
        if (VectorFunctionOf(name) is { } vectorFunction)
            return BindVectorFunction(vectorFunction, call, scope);
        if (call.Distinct)
            Error(ErrorCode.AggregateMisuse, call.Name.Span, $"DISTINCT applies to an aggregate's argument, and {name}() is not an aggregate");
        var function = ScalarFunctions.Find(name);
        if (function is null)
        {
            Error(ErrorCode.UnknownFunction, call.Name.Span,
                $"unknown function '{name}'; the functions are the distances (distance, l2_distance, cosine_distance, inner_product, l1_distance, hamming_distance, jaccard_distance), "
                + "the vector functions (vector_dims, vector_norm, l2_norm, l2_normalize, subvector, binary_quantize), the aggregates (count, sum, avg, min, max, total, group_concat, string_agg) and "
                + string.Join(", ", ScalarFunctions.Names));
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        if (call.Arguments.Count < function.MinArguments || call.Arguments.Count > function.MaxArguments)
        {
            string expected = function.MinArguments == function.MaxArguments ? function.MinArguments.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : function.MaxArguments == int.MaxValue ? $"{function.MinArguments} or more"
                : $"{function.MinArguments} to {function.MaxArguments}";
            Error(ErrorCode.UnknownFunction, call.Span, $"{function.Name} takes {expected} arguments, not {call.Arguments.Count}");
        }
        var arguments = new List<SqlExpr>(call.Arguments.Count);
        var kinds = new List<ValueKind>(call.Arguments.Count);
        foreach (var argument in call.Arguments)
        {
            var (expr, kind) = BindScalar(argument, scope);
            if (kind == ValueKind.Vector)
                Error(ErrorCode.TypeMismatch, argument.Span, $"{function.Name}() takes scalar values, not a vector");
            arguments.Add(expr);
            kinds.Add(kind);
        }
        return new Typed(new FunctionExpr(function, arguments), ScalarFunctionKinds.ResultKind(function.Name, kinds));
    }

    /// <summary>A column reference resolved through the scopes: a table column, a derived table's column, or a USING column; null (and an error) when it names nothing or more than one thing.</summary>
    private Typed? ResolveColumn(ColumnReference reference, Scope scope)
    {
        string name = reference.Name.Text;
        int depth = 0;
        for (var s = scope; s is not null; s = s.Parent, depth++)
        {
            if (reference.Qualifier is { } qualifier)
            {
                var source = s.FindSource(qualifier.Text);
                if (source is null)
                    continue;
                if (!source.HasColumn(name))
                {
                    Error(ErrorCode.UnknownColumn, reference.Name.Span, source.Table is not null
                        ? $"table '{source.Table.Name}' has no column '{name}'"
                        : $"'{source.Name}' has no column '{name}'");
                    return null;
                }
                return ColumnOf(source, name, outer: depth > 0);
            }
            if (s.Merged(name) is { } merged)
                return MergedColumnOf(merged, name, outer: depth > 0);
            ScopeSource? found = null;
            foreach (var source in s.Sources)
            {
                if (!source.HasColumn(name))
                    continue;
                if (found is not null)
                {
                    Error(ErrorCode.AmbiguousName, reference.Span,
                        $"column '{name}' is ambiguous: both '{found.Name}' and '{source.Name}' have it; write {found.Name}.{name} or {source.Name}.{name}");
                    return null;
                }
                found = source;
            }
            if (found is not null)
                return ColumnOf(found, name, outer: depth > 0);
        }

        if (scope.OnlySource is { Table: { } table } only && scope.Parent is null)
        {
            if (reference.Qualifier is { } q)
                Error(ErrorCode.UnknownTable, q.Span, $"'{q.Text}' is not the table of this statement ('{only.Name}')");
            else
                Error(ErrorCode.UnknownColumn, reference.Name.Span, $"table '{table.Name}' has no column '{name}'");
        }
        else if (reference.Qualifier is { } qualifier)
            Error(ErrorCode.UnknownTable, qualifier.Span, $"no table or alias named '{qualifier.Text}' in this statement");
        else if (!HasAnySource(scope))
            Error(ErrorCode.UnknownColumn, reference.Span, $"there is no column '{name}' without a FROM clause");
        else
            Error(ErrorCode.UnknownColumn, reference.Name.Span, $"no table in FROM has a column '{name}'");
        return null;
    }

    private static bool HasAnySource(Scope scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
            if (s.Sources.Count > 0)
                return true;
        return false;
    }

    /// <summary>A column of <paramref name="source"/>; <paramref name="outer"/> when referred to from a subquery inside the source's SELECT.</summary>
    private static Typed ColumnOf(ScopeSource source, string name, bool outer)
    {
        if (source.Table is { } table)
        {
            var column = table.FindColumn(name)!;
            // A subquery over the same table must not capture an unqualified column of a single-table statement.
            string? ownTable = outer && source.Number is null ? table.StorageName : null;
            if (column.IsVector)
                return new Typed(new VectorColumnExpr(column, source.Number) { OwnTable = ownTable }, ValueKind.Vector, new VectorType(column.Element, column.Dimensions));
            return new Typed(new ColumnExpr(column) { Source = source.Number, OwnTable = ownTable }, ValueKinds.Of(column.Type));
        }
        int ordinal = source.FindOutput(name);
        var output = source.Columns![ordinal];
        return new Typed(new SourceColumnExpr(source.Number!.Value, ordinal), output.Kind, output.Vector);
    }

    private static Typed MergedColumnOf(MergedColumn merged, string name, bool outer)
    {
        var left = ColumnOf(merged.Left, name, outer);
        if (!merged.EitherSide)
            return left;
        var right = ColumnOf(merged.Right, name, outer);
        var coalesce = new FunctionExpr(ScalarFunctions.Find("coalesce")!, [left.Expr, right.Expr]);
        return new Typed(coalesce, left.Kind, left.Vector);
    }

    /// <summary>The catalog column a reference names in a single-table statement (select list, distances), or null after an error.</summary>
    private ColumnSchema? ResolveTableColumn(ColumnReference reference, Scope scope)
    {
        var typed = ResolveColumn(reference, scope);
        return typed?.Expr switch
        {
            ColumnExpr c => c.Column,
            VectorColumnExpr v => v.Column,
            _ => null,
        };
    }

    private void CheckComparable(ValueKind a, ValueKind b, Diagnostics.SourceSpan span)
    {
        if (a == ValueKind.Vector || b == ValueKind.Vector)
        {
            if (a != b && a is not (ValueKind.Null or ValueKind.Unknown) && b is not (ValueKind.Null or ValueKind.Unknown))
                Error(ErrorCode.TypeMismatch, span, "a vector compares only with another vector; to compare it with a query, compare their distance with a number");
            return;
        }
        bool textA = a is ValueKind.Text, textB = b is ValueKind.Text;
        bool numA = ValueKinds.IsNumeric(a), numB = ValueKinds.IsNumeric(b);
        if ((textA && numB) || (numA && textB))
            Error(ErrorCode.TypeMismatch, span, $"cannot compare {ValueKinds.SqlName(a)} with {ValueKinds.SqlName(b)}");
        else if ((a == ValueKind.Blob && (textB || numB)) || (b == ValueKind.Blob && (textA || numA)))
            Error(ErrorCode.TypeMismatch, span, $"cannot compare {ValueKinds.SqlName(a)} with {ValueKinds.SqlName(b)}");
    }

    private void RequireNumeric(ValueKind kind, Diagnostics.SourceSpan span, string message)
    {
        if (kind is ValueKind.Text or ValueKind.Blob or ValueKind.Vector)
            Error(ErrorCode.TypeMismatch, span, message + $", not {ValueKinds.SqlName(kind)}");
    }

    private void RejectVector(ValueKind kind, Diagnostics.SourceSpan span)
    {
        if (kind == ValueKind.Vector)
            Error(ErrorCode.TypeMismatch, span, "a vector is not allowed here");
    }

    private static object? NormaliseScalar(object? value) => value switch
    {
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        float f => (double)f,
        decimal m => (double)m,
        Half h => (double)h,
        char c => c.ToString(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Memory<byte> memory => memory.ToArray(),
        byte[] bytes => ValueConverter.ExactBytes(bytes),
        _ => value,
    };
}
