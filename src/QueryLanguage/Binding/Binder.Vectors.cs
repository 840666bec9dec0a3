using System.Runtime.InteropServices;
using VecStore.Indexes;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage.Functions;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Binding;

// Vectors as values: constants, pgvector's operators and functions, CAST, and the types they carry.
// Dimensions known here are checked here, with the caret on the operand; the others are checked by
// the SQL functions when the statement runs.
internal sealed partial class Binder
{
    /// <summary>An operand where a vector belongs: a vector expression, NULL, or text in vector syntax (read as <paramref name="hint"/>'s element type); null after an error.</summary>
    private Typed? BindVectorOperand(Expression expression, Scope scope, VectorType? hint, string what)
    {
        if (expression is VectorLiteralExpression or LiteralExpression { Kind: LiteralKind.String } || IsTextParameter(expression))
        {
            var constant = BindVectorConstant(expression, hint, what);
            return ReferenceEquals(constant.Expr, Placeholder) ? null : constant;
        }
        var typed = BindScalar(expression, scope);
        switch (typed.Kind)
        {
            case ValueKind.Vector or ValueKind.Null or ValueKind.Unknown:
                return typed;
            case ValueKind.Text:
                Error(ErrorCode.TypeMismatch, expression.Span, $"{what} takes vectors; text becomes one with CAST({Text(expression.Span)} AS VECTOR(n))");
                return null;
            default:
                Error(ErrorCode.TypeMismatch, expression.Span, $"{what} takes vectors, not {ValueKinds.SqlName(typed.Kind)}");
                return null;
        }
    }

    private bool IsTextParameter(Expression expression) =>
        expression is ParameterExpression p && _parameters.TryGet(p, out var value) && value is string;

    /// <summary>A literal or parameter read as a vector of <paramref name="hint"/>'s element type (FLOAT32 without one; BIT for a bool[] parameter).</summary>
    private Typed BindVectorConstant(Expression expression, VectorType? hint, string what)
    {
        var element = hint?.Element ?? VectorElement.Float32;
        if (hint is null && expression is ParameterExpression p && _parameters.TryGet(p, out var value) && value is bool[] or System.Collections.BitArray)
            element = VectorElement.Bit;
        if (expression is LiteralExpression { Kind: LiteralKind.Null })
            return new Typed(new ConstantExpr(null), ValueKind.Null);
        if (expression is ParameterExpression nullParameter && _parameters.TryGet(nullParameter, out var given) && given is null)
            return new Typed(new ConstantExpr(null), ValueKind.Null);
        var floats = BindVector(expression, element, 0, $"{what} takes a vector", allowNull: true);
        if (floats is null)
            return new Typed(Placeholder, ValueKind.Unknown);
        if (floats.Length == 0)
        {
            Error(ErrorCode.InvalidDimensions, expression.Span, "a vector has at least 1 dimension");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        return new Typed(new VectorConstantExpr(element, floats.Length, Encode(floats, element)), ValueKind.Vector, new VectorType(element, floats.Length));
    }

    /// <summary>Checked floats in <paramref name="element"/>'s encoding, as bytes.</summary>
    private static byte[] Encode(float[] floats, VectorElement element) => VectorEncoding.Encode(floats, element) switch
    {
        Half[] halves => MemoryMarshal.AsBytes(halves.AsSpan()).ToArray(),
        ulong[] words => MemoryMarshal.AsBytes(words.AsSpan()).ToArray(),
        _ => MemoryMarshal.AsBytes(floats.AsSpan()).ToArray(),
    };

    /// <summary><c>a + b</c>, <c>a - b</c>, <c>a * b</c> elementwise and <c>a || b</c>: two vectors of one element type.</summary>
    private Typed BindVectorArithmetic(BinaryExpression binary, Typed left, Typed right)
    {
        string symbol = Text(binary.OperatorSpan);
        var op = binary.Operator switch
        {
            BinaryOperator.Add => VectorFunction.Add,
            BinaryOperator.Subtract => VectorFunction.Subtract,
            BinaryOperator.Multiply => VectorFunction.Multiply,
            _ => VectorFunction.Concat,
        };
        // Text beside a vector is read as one of its type: v + '[1,2,3]'.
        left = CoerceConstantText(binary.Left, left, right.Vector, symbol);
        right = CoerceConstantText(binary.Right, right, left.Vector, symbol);
        foreach (var (operand, typed) in new[] { (binary.Left, left), (binary.Right, right) })
        {
            if (typed.Kind is not (ValueKind.Vector or ValueKind.Null or ValueKind.Unknown))
            {
                Error(ErrorCode.TypeMismatch, operand.Span, $"{symbol} with a vector takes another vector, not {ValueKinds.SqlName(typed.Kind)}");
                return new Typed(Placeholder, ValueKind.Unknown);
            }
        }
        VectorType? result = left.Vector ?? right.Vector;
        if (left.Vector is { } a && right.Vector is { } b)
        {
            if (a.Element != b.Element || (a.Element == VectorElement.Bit && op != VectorFunction.Concat))
            {
                Error(ErrorCode.TypeMismatch, binary.Span, a.Element == VectorElement.Bit && a.Element == b.Element
                    ? $"{symbol} does not apply to BIT vectors"
                    : $"{symbol} needs two vectors of one type, not {a} and {b}; CAST one of them");
                return new Typed(Placeholder, ValueKind.Unknown);
            }
            if (op != VectorFunction.Concat && a.Dimensions > 0 && b.Dimensions > 0 && a.Dimensions != b.Dimensions)
            {
                Error(ErrorCode.DimensionMismatch, binary.Right.Span, $"{symbol} works element by element on vectors of one length, and {Text(binary.Left.Span)} is {a} while {Text(binary.Right.Span)} is {b}");
                return new Typed(Placeholder, ValueKind.Unknown);
            }
            result = op == VectorFunction.Concat
                ? new VectorType(a.Element, a.Dimensions > 0 && b.Dimensions > 0 ? a.Dimensions + b.Dimensions : 0)
                : new VectorType(a.Element, Math.Max(a.Dimensions, b.Dimensions));
        }
        else if (op == VectorFunction.Concat && result is { } known)
        {
            result = known with { Dimensions = 0 };
        }
        return new Typed(new VectorCallExpr(op, [left.Expr, right.Expr]), ValueKind.Vector, result);
    }

    /// <summary><c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, ... between vectors: pgvector's order, element values first, then dimensions.</summary>
    private Typed BindVectorComparison(BinaryExpression binary, Typed left, Typed right)
    {
        left = CoerceConstantText(binary.Left, left, right.Vector, Text(binary.OperatorSpan));
        right = CoerceConstantText(binary.Right, right, left.Vector, Text(binary.OperatorSpan));
        if (left.Kind is not (ValueKind.Vector or ValueKind.Null or ValueKind.Unknown) || right.Kind is not (ValueKind.Vector or ValueKind.Null or ValueKind.Unknown))
        {
            Error(ErrorCode.TypeMismatch, binary.Span, "a vector compares only with another vector; to compare it with a query, compare their distance with a number");
            return new Typed(Placeholder, ValueKind.Integer);
        }
        if (left.Vector is { } a && right.Vector is { } b && (a.Element == VectorElement.Bit) != (b.Element == VectorElement.Bit))
        {
            Error(ErrorCode.TypeMismatch, binary.Span, $"a BIT vector compares only with another, not {a} with {b}");
            return new Typed(Placeholder, ValueKind.Integer);
        }
        var op = binary.Operator switch
        {
            BinaryOperator.Equal => SqlBinaryOperator.Equal,
            BinaryOperator.NotEqual => SqlBinaryOperator.NotEqual,
            BinaryOperator.Less => SqlBinaryOperator.Less,
            BinaryOperator.LessOrEqual => SqlBinaryOperator.LessOrEqual,
            BinaryOperator.Greater => SqlBinaryOperator.Greater,
            _ => SqlBinaryOperator.GreaterOrEqual,
        };
        return new Typed(new BinaryExpr(op, new VectorCallExpr(VectorFunction.Compare, [left.Expr, right.Expr]), new ConstantExpr(0L)), ValueKind.Integer);
    }

    /// <summary>A text constant beside a vector, read as a vector of its type; anything else unchanged.</summary>
    private Typed CoerceConstantText(Expression expression, Typed typed, VectorType? other, string what)
    {
        if (typed.Kind != ValueKind.Text || other is null || !(expression is LiteralExpression || IsTextParameter(expression)))
            return typed;
        return BindVectorConstant(expression, other, what);
    }

    /// <summary>pgvector's vector functions by name.</summary>
    private static VectorFunction? VectorFunctionOf(string name) => name.ToLowerInvariant() switch
    {
        "vector_dims" => VectorFunction.Dimensions,
        "vector_norm" or "l2_norm" => VectorFunction.Norm,
        "l2_normalize" => VectorFunction.Normalize,
        "subvector" => VectorFunction.Subvector,
        "binary_quantize" => VectorFunction.BinaryQuantize,
        _ => null,
    };

    private Typed BindVectorFunction(VectorFunction function, FunctionCall call, Scope scope)
    {
        string name = call.Name.Text;
        int expected = function == VectorFunction.Subvector ? 3 : 1;
        if (call.Arguments.Count != expected)
        {
            Error(ErrorCode.UnknownFunction, call.Span, function == VectorFunction.Subvector
                ? $"{name} takes 3 arguments, a vector, the first element (from 1) and a count, not {call.Arguments.Count}"
                : $"{name} takes 1 argument, a vector, not {call.Arguments.Count}");
            return new Typed(Placeholder, ResultKind(function));
        }
        if (call.Distinct)
            Error(ErrorCode.AggregateMisuse, call.Name.Span, $"DISTINCT applies to an aggregate's argument, and {name}() is not an aggregate");
        if (BindVectorOperand(call.Arguments[0], scope, null, name) is not { } vector)
            return new Typed(Placeholder, ResultKind(function));
        if (vector.Vector is { Element: VectorElement.Bit } bits && function != VectorFunction.Dimensions)
        {
            Error(ErrorCode.TypeMismatch, call.Arguments[0].Span, $"{name} takes a VECTOR or a VECTOR HALF, not {bits}");
            return new Typed(Placeholder, ResultKind(function));
        }
        var arguments = new List<SqlExpr> { vector.Expr };
        VectorType? type = vector.Vector;
        switch (function)
        {
            case VectorFunction.Subvector:
            {
                var (start, startKind) = BindScalar(call.Arguments[1], scope);
                var (count, countKind) = BindScalar(call.Arguments[2], scope);
                RequireInteger(startKind, call.Arguments[1].Span, name);
                RequireInteger(countKind, call.Arguments[2].Span, name);
                arguments.Add(start);
                arguments.Add(count);
                int dimensions = 0;
                if (type is { Dimensions: > 0 } known && start is ConstantExpr { Value: long s } && count is ConstantExpr { Value: long c })
                {
                    long end = s + c;
                    long first = Math.Max(1, s);
                    long last = Math.Min(end, known.Dimensions + 1L);
                    if (last - first < 1)
                    {
                        Error(ErrorCode.InvalidDimensions, call.Span, $"subvector of {known} from {s} for {c} elements holds no element; a vector has at least 1");
                        return new Typed(Placeholder, ValueKind.Unknown);
                    }
                    dimensions = (int)(last - first);
                }
                type = type is { } t ? t with { Dimensions = dimensions } : null;
                break;
            }
            case VectorFunction.BinaryQuantize:
                type = type is { } q ? new VectorType(VectorElement.Bit, q.Dimensions) : new VectorType(VectorElement.Bit, 0);
                break;
        }
        var kind = ResultKind(function);
        return new Typed(new VectorCallExpr(function, arguments), kind, kind == ValueKind.Vector ? type : null);
    }

    private static ValueKind ResultKind(VectorFunction function) => function switch
    {
        VectorFunction.Dimensions => ValueKind.Integer,
        VectorFunction.Norm => ValueKind.Real,
        _ => ValueKind.Vector,
    };

    private void RequireInteger(ValueKind kind, Diagnostics.SourceSpan span, string function)
    {
        if (kind is not (ValueKind.Integer or ValueKind.Null or ValueKind.Unknown))
            Error(ErrorCode.TypeMismatch, span, $"{function} takes a whole number here, not {ValueKinds.SqlName(kind)}");
    }

    /// <summary><c>CAST(x AS type)</c>: SQLite's for scalar types; to a vector type from text (read now when it is a constant) or from another vector type; a vector to TEXT prints it.</summary>
    private Typed BindCast(CastExpression cast, Scope scope)
    {
        var target = cast.Type;
        if (target.Metric is { } metric)
            Error(ErrorCode.UnsupportedOperation, metric.Span, "a CAST takes no METRIC: a metric belongs to a column");
        if (target.Kind is DataTypeKind.Vector or DataTypeKind.Bit)
        {
            var element = target.Kind == DataTypeKind.Bit ? VectorElement.Bit
                : target.ElementType == VectorElementType.Half ? VectorElement.Float16 : VectorElement.Float32;
            long declared = target.Dimensions ?? 0;
            if (_dimensionLimits.Problem(element, declared) is { } size)
            {
                Error(ErrorCode.InvalidDimensions, target.Span, size);
                return new Typed(Placeholder, ValueKind.Unknown);
            }
            var type = new VectorType(element, (int)declared);
            if (cast.Operand is LiteralExpression { Kind: LiteralKind.String } or VectorLiteralExpression || IsTextParameter(cast.Operand))
            {
                var constant = BindVectorConstant(cast.Operand, type, $"CAST to {type}");
                if (constant.Vector is { } got && got.Dimensions != type.Dimensions)
                {
                    Error(ErrorCode.DimensionMismatch, cast.Operand.Span, $"{type} has {type.Dimensions} {(element == VectorElement.Bit ? "bits" : "dimensions")}, and {Text(cast.Operand.Span)} holds {got.Dimensions}");
                    return new Typed(Placeholder, ValueKind.Unknown);
                }
                return constant;
            }
            var operand = BindScalar(cast.Operand, scope);
            var elementValue = new ConstantExpr((long)element);
            var dimensionsValue = new ConstantExpr((long)type.Dimensions);
            switch (operand.Kind)
            {
                case ValueKind.Text or ValueKind.Null or ValueKind.Unknown:
                    return new Typed(new VectorCallExpr(VectorFunction.FromText, [operand.Expr, elementValue, dimensionsValue]), ValueKind.Vector, type);
                case ValueKind.Vector:
                    if (operand.Vector is { } from)
                    {
                        if ((from.Element == VectorElement.Bit) != (element == VectorElement.Bit))
                        {
                            Error(ErrorCode.TypeMismatch, cast.Span, $"{from} cannot be cast to {type}; binary_quantize turns a vector into bits");
                            return new Typed(Placeholder, ValueKind.Unknown);
                        }
                        if (from.Dimensions > 0 && from.Dimensions != type.Dimensions)
                        {
                            Error(ErrorCode.DimensionMismatch, cast.Operand.Span, $"{Text(cast.Operand.Span)} is {from} and cannot be cast to {type}");
                            return new Typed(Placeholder, ValueKind.Unknown);
                        }
                        if (from == type && operand.Expr is not VectorColumnExpr)
                            return operand;
                    }
                    return new Typed(new VectorCallExpr(VectorFunction.Cast, [operand.Expr, elementValue, dimensionsValue]), ValueKind.Vector, type);
                default:
                    Error(ErrorCode.TypeMismatch, cast.Operand.Span, $"{ValueKinds.SqlName(operand.Kind)} cannot be cast to {type}; a vector is read from text such as '[1, 2, 3]'");
                    return new Typed(Placeholder, ValueKind.Unknown);
            }
        }

        var (value, kind) = BindScalar(cast.Operand, scope);
        if (kind == ValueKind.Vector)
        {
            if (target.Kind == DataTypeKind.Text)
                return new Typed(new VectorCallExpr(VectorFunction.ToText, [value]), ValueKind.Text);
            Error(ErrorCode.TypeMismatch, cast.Operand.Span, $"a vector cannot be cast to {target.Kind.ToString().ToUpperInvariant()}; CAST it to TEXT, or take vector_dims or vector_norm");
            return new Typed(Placeholder, ValueKind.Unknown);
        }
        return target.Kind switch
        {
            DataTypeKind.Integer => new Typed(new CastExpr(value, SqlCastType.Integer), ValueKind.Integer),
            DataTypeKind.Real => new Typed(new CastExpr(value, SqlCastType.Real), ValueKind.Real),
            DataTypeKind.Text => new Typed(new CastExpr(value, SqlCastType.Text), ValueKind.Text),
            DataTypeKind.Blob => new Typed(new CastExpr(value, SqlCastType.Blob), ValueKind.Blob),
            // SQLite has no BOOLEAN: a number is true unless zero, as a BOOLEAN column stores it.
            _ => new Typed(new BinaryExpr(SqlBinaryOperator.NotEqual, new CastExpr(value, SqlCastType.Integer), new ConstantExpr(0L)), ValueKind.Boolean),
        };
    }

    /// <summary><c>CASE</c>: SQLite's, with the type of its first branch that has one.</summary>
    private Typed BindCase(CaseExpression @case, Scope scope)
    {
        SqlExpr? operand = null;
        var operandKind = ValueKind.Unknown;
        if (@case.Operand is not null)
            (operand, operandKind) = BindScalar(@case.Operand, scope);
        var branches = new List<(SqlExpr When, SqlExpr Then)>();
        ValueKind? kind = null;
        VectorType? vector = null;
        foreach (var branch in @case.Branches)
        {
            SqlExpr when;
            if (operand is null)
            {
                when = BindPredicate(branch.When, scope);
            }
            else
            {
                var (w, whenKind) = BindScalar(branch.When, scope);
                CheckComparable(operandKind, whenKind, branch.When.Span);
                when = w;
            }
            var then = BindScalar(branch.Then, scope);
            Join(ref kind, ref vector, then, branch.Then.Span);
            branches.Add((when, then.Expr));
        }
        SqlExpr? otherwise = null;
        if (@case.Else is not null)
        {
            var typed = BindScalar(@case.Else, scope);
            Join(ref kind, ref vector, typed, @case.Else.Span);
            otherwise = typed.Expr;
        }
        return new Typed(new CaseExpr(operand, branches, otherwise), kind ?? ValueKind.Null, vector);

        void Join(ref ValueKind? kind, ref VectorType? vector, Typed next, Diagnostics.SourceSpan span)
        {
            if (next.Kind is ValueKind.Null or ValueKind.Unknown)
                return;
            if (kind is null)
            {
                kind = next.Kind;
                vector = next.Vector;
                return;
            }
            if ((kind == ValueKind.Vector) != (next.Kind == ValueKind.Vector))
                Error(ErrorCode.TypeMismatch, span, "the branches of a CASE give vectors and other values; give all of them vectors, or none");
            else if (kind == ValueKind.Vector && vector is { } a && next.Vector is { } b && (a.Element != b.Element || a.Dimensions != b.Dimensions))
                vector = a.Element == b.Element ? a with { Dimensions = 0 } : a;
            else if (kind != next.Kind)
                kind = ValueKinds.IsNumeric(kind.Value) && ValueKinds.IsNumeric(next.Kind) ? ValueKind.Real : ValueKind.Unknown;
        }
    }
}
