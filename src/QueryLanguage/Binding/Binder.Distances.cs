using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Catalog;
using VecStore.Storage.Functions;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// Distances. Between a vector column and a constant (the single-table shape) a distance can be a
// DistanceCall, which VecStore's search ranks and computes; between any two vector expressions it
// is a call of one of VecStore's SQL functions, which SQLite evaluates per row.
internal sealed partial class Binder
{
    /// <summary>A distance between any two vector expressions, as a SQL function call; <paramref name="function"/> is null for <c>distance</c> (the metric of a column operand).</summary>
    private Typed BindDistance(DistanceFunction? function, Expression left, Expression right, string name, Diagnostics.SourceSpan span, Scope scope)
    {
        var a = BindVectorOperand(left, scope, null, name);
        var b = BindVectorOperand(right, scope, a?.Vector, name);
        if (a is { } first && b is { } second && first.Vector is null && second.Vector is { } hint && IsConstantText(left))
            a = BindVectorOperand(left, scope, hint, name);
        if (a is not { } x || b is not { } y)
            return new Typed(Placeholder, ValueKind.Real);

        function ??= DefaultDistance(x, y);
        var vectorFunction = DistanceFunctions.SqlFunctionOf(function.Value);
        var metric = DistanceFunctions.MetricOf(function.Value);
        if (x.Vector is { } vx && y.Vector is { } vy)
        {
            if ((vx.Element == VectorElement.Bit) != (vy.Element == VectorElement.Bit))
            {
                Error(ErrorCode.TypeMismatch, span, $"{name} compares two vectors of one kind, not {vx} and {vy}");
                return new Typed(Placeholder, ValueKind.Real);
            }
            if (!VectorElements.Supports(vx.Element, metric))
            {
                Error(ErrorCode.InvalidDistanceCall, span, vx.Element == VectorElement.Bit
                    ? $"{name} does not compare bits ({vx}); compare BIT vectors with hamming_distance (<~>) or jaccard_distance (<%>)"
                    : $"{name} compares BIT vectors, not {vx}");
                return new Typed(Placeholder, ValueKind.Real);
            }
            if (vx.Dimensions > 0 && vy.Dimensions > 0 && vx.Dimensions != vy.Dimensions)
            {
                Error(ErrorCode.DimensionMismatch, right.Span, $"{name} compares vectors of one length, and {Text(left.Span)} is {vx} while {Text(right.Span)} is {vy}");
                return new Typed(Placeholder, ValueKind.Real);
            }
        }
        var call = new VectorCallExpr(vectorFunction, [x.Expr, y.Expr]);
        _distanceTexts[call] = Text(span);
        return new Typed(call, ValueKind.Real);
    }

    /// <summary>The function <c>distance(a, b)</c> means: the metric of a column operand (the left one first), else L2 (Hamming for bits).</summary>
    private static DistanceFunction DefaultDistance(Typed a, Typed b)
    {
        var column = (a.Expr as VectorColumnExpr)?.Column ?? (b.Expr as VectorColumnExpr)?.Column;
        if (column is not null)
            return DistanceFunctionOf(column.Metric);
        return (a.Vector ?? b.Vector)?.Element == VectorElement.Bit ? DistanceFunction.Hamming : DistanceFunction.L2;
    }

    /// <summary>A distance of the single-table shape (a vector column and a constant query) as a <see cref="DistanceCall"/>; null (and errors) when it is malformed.</summary>
    private DistanceCall? TryBindDistance(Expression expression, Scope scope)
    {
        DistanceFunction? function;
        Expression left, right;
        string name;
        switch (expression)
        {
            case BinaryExpression binary when IsDistanceOperator(binary.Operator):
                name = Text(binary.OperatorSpan);
                function = DistanceFunctionOf(binary.Operator);
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
        var column = ResolveTableColumn(reference, scope);
        if (column is null)
            return null;
        if (!column.IsVector)
        {
            Error(ErrorCode.InvalidDistanceCall, reference.Span, $"column '{column.Name}' is {column.TypeText}, not a vector");
            return null;
        }
        function ??= DistanceFunctionOf(name) ?? DistanceFunctionOf(column.Metric);
        var distance = new DistanceCall(function.Value, column, [], Text(expression.Span), expression.Span);
        if (!VectorElements.Supports(column.Element, distance.Metric))
        {
            Error(ErrorCode.InvalidDistanceCall, expression.Span, column.Element == VectorElement.Bit
                ? $"column '{column.Name}' is {column.TypeText}: compare bits with hamming_distance (<~>) or jaccard_distance (<%>)"
                : $"{name} compares bit vectors, but column '{column.Name}' is {column.TypeText}");
            return null;
        }
        var query = BindVector(querySide, column, allowNull: false);
        return query is null ? null : distance with { Query = query };
    }

    /// <summary>True for a distance between a column and a constant, the shape a <see cref="DistanceCall"/> holds and VecStore's search ranks.</summary>
    private static bool IsColumnQueryDistance(Expression expression) => expression switch
    {
        BinaryExpression b when IsDistanceOperator(b.Operator) => IsColumnAndConstant(b.Left, b.Right),
        FunctionCall { IsCountStar: false, Arguments.Count: 2 } f when IsDistance(f) => IsColumnAndConstant(f.Arguments[0], f.Arguments[1]),
        _ => false,
    };

    private static bool IsColumnAndConstant(Expression a, Expression b) =>
        (a is ColumnReference && IsConstant(b)) || (b is ColumnReference && IsConstant(a));

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

    private static DistanceFunction DistanceFunctionOf(BinaryOperator op) => op switch
    {
        BinaryOperator.L2Distance => DistanceFunction.L2,
        BinaryOperator.CosineDistance => DistanceFunction.Cosine,
        BinaryOperator.NegativeInnerProduct => DistanceFunction.NegativeInnerProduct,
        BinaryOperator.L1Distance => DistanceFunction.L1,
        BinaryOperator.HammingDistance => DistanceFunction.Hamming,
        _ => DistanceFunction.Jaccard,
    };

    /// <summary>What <c>distance</c> means on a column of this metric.</summary>
    private static DistanceFunction DistanceFunctionOf(Metric metric) => metric switch
    {
        Metric.Cosine => DistanceFunction.Cosine,
        Metric.InnerProduct => DistanceFunction.NegativeInnerProduct,
        Metric.L1 => DistanceFunction.L1,
        Metric.Hamming => DistanceFunction.Hamming,
        Metric.Jaccard => DistanceFunction.Jaccard,
        _ => DistanceFunction.L2,
    };

    private static bool IsDistanceOperator(BinaryOperator op)
        => op is BinaryOperator.L2Distance or BinaryOperator.CosineDistance or BinaryOperator.NegativeInnerProduct
            or BinaryOperator.L1Distance or BinaryOperator.HammingDistance or BinaryOperator.JaccardDistance;

    private static bool IsConstantText(Expression expression) => expression is LiteralExpression { Kind: LiteralKind.String } or ParameterExpression;
}
