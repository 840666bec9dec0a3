using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// Expressions: scalar ones become SqlExpr trees for SQLite; distances become DistanceCalls for VecStore.
internal sealed partial class Binder
{
    private static readonly SqlExpr Placeholder = new ConstantExpr(null);

    /// <summary>A WHERE clause.</summary>
    private SqlExpr BindPredicate(Expression expression, TableSchema? table, string? alias)
    {
        var (expr, kind) = BindScalar(expression, table, alias);
        if (kind == ValueKind.Vector)
            Error(ErrorCode.TypeMismatch, expression.Span, "a vector is not a condition; compare its distance to a query, or test it with IS NULL");
        return expr;
    }

    /// <summary>An expression SQLite evaluates, with the type the binder infers for it.</summary>
    private (SqlExpr Expr, ValueKind Kind) BindScalar(Expression expression, TableSchema? table, string? alias)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                return (new ConstantExpr(literal.Value), ValueKinds.OfValue(literal.Value));

            case ParameterExpression parameter:
            {
                var value = Evaluate(parameter);
                if (ReferenceEquals(value, Invalid))
                    return (Placeholder, ValueKind.Unknown);
                var kind = ValueKinds.OfValue(value);
                if (kind == ValueKind.Vector)
                {
                    Error(ErrorCode.TypeMismatch, parameter.Span, "a vector parameter can only be used as a query vector in a distance, or as a vector column's value");
                    return (Placeholder, ValueKind.Vector);
                }
                if (kind == ValueKind.Unknown)
                {
                    Error(ErrorCode.TypeMismatch, parameter.Span, $"parameter {Text(parameter.Span)} has type {value!.GetType().Name}, which VecStore cannot compare or store");
                    return (Placeholder, ValueKind.Unknown);
                }
                if (value is double and double.NaN or float and float.NaN || value is Half h && Half.IsNaN(h))
                {
                    // SQLite has no NaN (it would store NULL), and the provider below refuses to bind one.
                    Error(ErrorCode.TypeMismatch, parameter.Span, $"parameter {Text(parameter.Span)} is NaN, which VecStore cannot compare or store");
                    return (Placeholder, ValueKind.Unknown);
                }
                if (Limits.ValueTooLarge(value) is { } tooLarge)
                {
                    Error(ErrorCode.StorageLimit, parameter.Span, $"parameter {Text(parameter.Span)}: {tooLarge}");
                    return (Placeholder, ValueKind.Unknown);
                }
                return (new ConstantExpr(NormaliseScalar(value)), kind);
            }

            case ColumnReference reference:
            {
                var column = ResolveColumn(reference, table, alias);
                if (column is null)
                    return (Placeholder, ValueKind.Unknown);
                return (new ColumnExpr(column), ValueKinds.Of(column.Type));
            }

            case UnaryExpression unary:
            {
                var (operand, kind) = BindScalar(unary.Operand, table, alias);
                if (unary.Operator == UnaryOperator.Not)
                    return (new UnaryExpr(SqlUnaryOperator.Not, operand), ValueKind.Integer);
                RequireNumeric(kind, unary.Operand.Span, "a sign applies to numbers");
                return (new UnaryExpr(unary.Operator == UnaryOperator.Negate ? SqlUnaryOperator.Negate : SqlUnaryOperator.Plus, operand), kind);
            }

            case BinaryExpression binary:
                return BindBinary(binary, table, alias);

            case BetweenExpression between:
            {
                var (value, kind) = BindScalar(between.Operand, table, alias);
                var (low, lowKind) = BindScalar(between.Lower, table, alias);
                var (high, highKind) = BindScalar(between.Upper, table, alias);
                CheckComparable(kind, lowKind, between.Lower.Span);
                CheckComparable(kind, highKind, between.Upper.Span);
                return (new BetweenExpr(value, low, high, between.Negated), ValueKind.Integer);
            }

            case InExpression inList:
            {
                var (value, kind) = BindScalar(inList.Operand, table, alias);
                if (inList.Values.Count > Limits.MaxInListItems)
                {
                    Error(ErrorCode.LimitExceeded, inList.Values[Limits.MaxInListItems].Span, $"the IN list has {inList.Values.Count:N0} values; at most {Limits.MaxInListItems:N0} are allowed (put a longer set in a table)");
                    return (Placeholder, ValueKind.Integer);
                }
                var items = new List<SqlExpr>(inList.Values.Count);
                foreach (var item in inList.Values)
                {
                    var (expr, itemKind) = BindScalar(item, table, alias);
                    CheckComparable(kind, itemKind, item.Span);
                    items.Add(expr);
                }
                return (new InExpr(value, items, inList.Negated), ValueKind.Integer);
            }

            case LikeExpression like:
            {
                var (value, kind) = BindScalar(like.Operand, table, alias);
                var (pattern, patternKind) = BindScalar(like.Pattern, table, alias);
                if (kind is ValueKind.Vector)
                    Error(ErrorCode.TypeMismatch, like.Operand.Span, "LIKE applies to text, not to a vector");
                if (patternKind is not (ValueKind.Text or ValueKind.Null or ValueKind.Unknown))
                    Error(ErrorCode.TypeMismatch, like.Pattern.Span, "a LIKE pattern must be text");
                SqlExpr? escape = null;
                if (like.Escape is not null)
                {
                    var (e, escapeKind) = BindScalar(like.Escape, table, alias);
                    if (escapeKind is not (ValueKind.Text or ValueKind.Unknown) || e is ConstantExpr { Value: string { Length: not 1 } })
                        Error(ErrorCode.TypeMismatch, like.Escape.Span, "ESCAPE takes a single character");
                    escape = e;
                }
                return (new LikeExpr(value, pattern, escape, like.Negated), ValueKind.Integer);
            }

            case IsNullExpression isNull:
            {
                // A vector column is allowed here: its slot number is NULL exactly when the vector is.
                var (value, _) = BindScalar(isNull.Operand, table, alias);
                return (new IsNullExpr(value, isNull.Negated), ValueKind.Integer);
            }

            case FunctionCall call:
                return BindFunction(call, table, alias);

            case VectorLiteralExpression:
                Error(ErrorCode.TypeMismatch, expression.Span, "a vector literal can only be a query vector in a distance, or a vector column's value");
                return (Placeholder, ValueKind.Vector);

            default:
                Error(ErrorCode.UnsupportedOperation, expression.Span, "this expression is not supported here");
                return (Placeholder, ValueKind.Unknown);
        }
    }

    private (SqlExpr, ValueKind) BindBinary(BinaryExpression binary, TableSchema? table, string? alias)
    {
        if (IsDistanceOperator(binary.Operator))
        {
            TryBindDistance(binary, table, alias);
            Error(ErrorCode.NotYetSupported, binary.Span, DistanceConditionRule);
            return (Placeholder, ValueKind.Real);
        }

        var (left, leftKind) = BindScalar(binary.Left, table, alias);
        var (right, rightKind) = BindScalar(binary.Right, table, alias);
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
                RejectVector(leftKind, binary.Left.Span);
                RejectVector(rightKind, binary.Right.Span);
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
        return (new BinaryExpr(op, left, right), kind);
    }

    private (SqlExpr, ValueKind) BindFunction(FunctionCall call, TableSchema? table, string? alias)
    {
        string name = call.Name.Text;
        if (call.IsCountStar)
        {
            Error(ErrorCode.AggregateMisuse, call.Span, "count(*) can only be selected on its own, not used inside an expression or a condition");
            return (Placeholder, ValueKind.Integer);
        }
        if (IsDistance(call))
        {
            TryBindDistance(call, table, alias);
            Error(ErrorCode.NotYetSupported, call.Span, DistanceConditionRule);
            return (Placeholder, ValueKind.Real);
        }
        if (IsAggregate(name))
        {
            Error(ErrorCode.NotYetSupported, call.Span, $"{name}() is an aggregate; count(*) is the only aggregate for now (there is no GROUP BY yet)");
            return (Placeholder, ValueKind.Unknown);
        }
        var function = ScalarFunctions.Find(name);
        if (function is null)
        {
            Error(ErrorCode.UnknownFunction, call.Name.Span,
                $"unknown function '{name}'; the functions are distance, l2_distance, cosine_distance, inner_product, l1_distance, hamming_distance, jaccard_distance, count(*) and {string.Join(", ", ScalarFunctions.Names)}");
            return (Placeholder, ValueKind.Unknown);
        }
        if (call.Arguments.Count < function.MinArguments || call.Arguments.Count > function.MaxArguments)
        {
            string expected = function.MinArguments == function.MaxArguments ? function.MinArguments.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"{function.MinArguments} to {function.MaxArguments}";
            Error(ErrorCode.UnknownFunction, call.Span,
                $"{function.Name} takes {expected} arguments, not {call.Arguments.Count}");
        }
        var arguments = new List<SqlExpr>(call.Arguments.Count);
        var kinds = new List<ValueKind>(call.Arguments.Count);
        foreach (var argument in call.Arguments)
        {
            var (expr, kind) = BindScalar(argument, table, alias);
            RejectVector(kind, argument.Span);
            arguments.Add(expr);
            kinds.Add(kind);
        }
        var result = function.Name switch
        {
            "length" or "instr" => ValueKind.Integer,
            "lower" or "upper" or "trim" or "ltrim" or "rtrim" or "substr" or "replace" or "typeof" => ValueKind.Text,
            "round" => ValueKind.Real,
            "abs" or "coalesce" or "ifnull" or "nullif" => kinds.Count > 0 ? kinds[0] : ValueKind.Unknown,
            _ => ValueKind.Unknown,
        };
        return (new FunctionExpr(function, arguments), result);
    }

    /// <summary>The aggregate functions of SQLite and PostgreSQL (pgvector's avg and sum of vectors among them), which are not executed yet.</summary>
    private static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "total", "group_concat", "string_agg", "array_agg", "json_group_array",
        "json_group_object", "bool_and", "bool_or", "every", "stddev", "variance",
    };

    private static bool IsAggregate(string name) => Aggregates.Contains(name);

    /// <summary>A distance function call or operator; null (and errors) when it is malformed.</summary>
    private DistanceCall? TryBindDistance(Expression expression, TableSchema? table, string? alias)
    {
        DistanceFunction? function;
        Expression left, right;
        string name;
        switch (expression)
        {
            case BinaryExpression binary when IsDistanceOperator(binary.Operator):
                name = Text(binary.OperatorSpan);
                function = binary.Operator switch
                {
                    BinaryOperator.L2Distance => DistanceFunction.L2,
                    BinaryOperator.CosineDistance => DistanceFunction.Cosine,
                    BinaryOperator.NegativeInnerProduct => DistanceFunction.NegativeInnerProduct,
                    BinaryOperator.L1Distance => DistanceFunction.L1,
                    BinaryOperator.HammingDistance => DistanceFunction.Hamming,
                    _ => DistanceFunction.Jaccard,
                };
                left = binary.Left;
                right = binary.Right;
                break;
            case FunctionCall call:
                name = call.Name.Text;
                if (call.Arguments.Count != 2 || call.IsCountStar)
                {
                    Error(ErrorCode.InvalidDistanceCall, call.Span, $"{name} takes two arguments: a vector column and a query vector");
                    return null;
                }
                function = null;
                left = call.Arguments[0];
                right = call.Arguments[1];
                break;
            default:
                return null;
        }

        // One side is the column, the other the query; either order is accepted.
        var (columnSide, querySide) = left is ColumnReference ? (left, right) : (right, left);
        if (columnSide is not ColumnReference reference)
        {
            Error(ErrorCode.InvalidDistanceCall, expression.Span, $"{name} needs a vector column as one of its arguments");
            return null;
        }
        if (querySide is ColumnReference)
        {
            Error(ErrorCode.InvalidDistanceCall, querySide.Span, $"{name} between two columns is not supported; give a query vector (a literal or a parameter)");
            return null;
        }
        var column = ResolveColumn(reference, table, alias);
        if (column is null)
            return null;
        if (!column.IsVector)
        {
            Error(ErrorCode.InvalidDistanceCall, reference.Span, $"column '{column.Name}' is {column.TypeText}, not a vector");
            return null;
        }
        function ??= DistanceFunctionOf(name) ?? column.Metric switch
        {
            Indexes.Distance.Metric.Cosine => DistanceFunction.Cosine,
            Indexes.Distance.Metric.InnerProduct => DistanceFunction.NegativeInnerProduct,
            Indexes.Distance.Metric.L1 => DistanceFunction.L1,
            Indexes.Distance.Metric.Hamming => DistanceFunction.Hamming,
            Indexes.Distance.Metric.Jaccard => DistanceFunction.Jaccard,
            _ => DistanceFunction.L2,
        };
        var distance = new DistanceCall(function.Value, column, [], Text(expression.Span), expression.Span);
        if (!Indexes.VectorElements.Supports(column.Element, distance.Metric))
        {
            Error(ErrorCode.InvalidDistanceCall, expression.Span, column.Element == Indexes.VectorElement.Bit
                ? $"column '{column.Name}' is {column.TypeText}: compare bits with hamming_distance (<~>) or jaccard_distance (<%>)"
                : $"{name} compares bit vectors, but column '{column.Name}' is {column.TypeText}");
            return null;
        }
        var query = BindVector(querySide, column, allowNull: false);
        return query is null ? null : distance with { Query = query };
    }

    /// <summary>True when the expression is a distance function call or operator.</summary>
    private static bool IsDistance(Expression expression) => expression switch
    {
        BinaryExpression b => IsDistanceOperator(b.Operator),
        FunctionCall f => !f.IsCountStar && (f.Name.Text.Equals("distance", StringComparison.OrdinalIgnoreCase)
            || DistanceFunctionOf(f.Name.Text) is not null),
        _ => false,
    };

    private static DistanceFunction? DistanceFunctionOf(string name) => name.ToLowerInvariant() switch
    {
        "l2_distance" => DistanceFunction.L2,
        "cosine_distance" => DistanceFunction.Cosine,
        "inner_product" => DistanceFunction.InnerProduct,
        "l1_distance" => DistanceFunction.L1,
        "hamming_distance" => DistanceFunction.Hamming,
        "jaccard_distance" => DistanceFunction.Jaccard,
        _ => null,
    };

    private static bool IsDistanceOperator(BinaryOperator op)
        => op is BinaryOperator.L2Distance or BinaryOperator.CosineDistance or BinaryOperator.NegativeInnerProduct
            or BinaryOperator.L1Distance or BinaryOperator.HammingDistance or BinaryOperator.JaccardDistance;

    private ColumnSchema? ResolveColumn(ColumnReference reference, TableSchema? table, string? alias)
    {
        if (table is null)
        {
            Error(ErrorCode.UnknownColumn, reference.Span, $"there is no column '{reference.Name.Text}' without a FROM clause");
            return null;
        }
        if (reference.Qualifier is { } qualifier
            && !string.Equals(qualifier.Text, alias ?? table.Name, StringComparison.OrdinalIgnoreCase)
            && !(alias is not null && string.Equals(qualifier.Text, table.Name, StringComparison.OrdinalIgnoreCase)))
        {
            Error(ErrorCode.UnknownTable, qualifier.Span, $"'{qualifier.Text}' is not the table of this statement ('{alias ?? table.Name}')");
            return null;
        }
        return FindColumn(table, reference.Name);
    }

    private void CheckComparable(ValueKind a, ValueKind b, Diagnostics.SourceSpan span)
    {
        if (a == ValueKind.Vector || b == ValueKind.Vector)
        {
            Error(ErrorCode.TypeMismatch, span, "vectors cannot be compared with = or <; compare their distance to a query");
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
