using System.Globalization;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding;

// Constant values: literals, parameters and vector literals, converted to a column's type.
internal sealed partial class Binder
{
    private static readonly object Invalid = new();

    /// <summary>True for a literal, a parameter, a vector literal, or a sign applied to one.</summary>
    private static bool IsConstant(Expression expression) => expression switch
    {
        LiteralExpression or ParameterExpression or VectorLiteralExpression => true,
        UnaryExpression { Operator: UnaryOperator.Negate or UnaryOperator.Plus } u => IsConstant(u.Operand),
        _ => false,
    };

    /// <summary>The value of a constant expression for <paramref name="column"/>, converted to its type.</summary>
    private object? BindColumnValue(ColumnSchema column, Expression expression)
    {
        if (column.IsVector)
        {
            var vector = BindVector(expression, column, allowNull: true);
            return vector is null ? null : VectorEncoding.Encode(vector, column.Element);
        }
        if (!IsConstant(expression))
        {
            Error(ErrorCode.UnsupportedOperation, expression.Span, "a value here must be a literal or a parameter");
            return null;
        }
        var value = Evaluate(expression);
        return ReferenceEquals(value, Invalid) ? null : Coerce(value, column.Type, column.Dimensions, column.Name, expression.Span);
    }

    /// <summary>A literal's or parameter's value as written or supplied; <see cref="Invalid"/> after an error.</summary>
    private object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                return literal.Value;
            case ParameterExpression parameter:
                if (_parameters.TryGet(parameter, out var value))
                    return value;
                Error(ErrorCode.MissingParameter, parameter.Span, parameter.IsPositional
                    ? $"no value was supplied for parameter ? number {parameter.Position + 1}"
                    : $"no value was supplied for parameter {parameter.Prefix}{parameter.Name}");
                return Invalid;
            case UnaryExpression { Operator: UnaryOperator.Negate or UnaryOperator.Plus } unary:
            {
                var operand = Evaluate(unary.Operand);
                if (ReferenceEquals(operand, Invalid) || operand is null || unary.Operator == UnaryOperator.Plus)
                    return operand;
                switch (operand)
                {
                    case long l when l != long.MinValue: return -l;
                    case int i: return -(long)i;
                    case double d: return -d;
                    case float f: return -(double)f;
                    case decimal m: return -m;
                }
                Error(ErrorCode.TypeMismatch, unary.Span, "only a number can be negated");
                return Invalid;
            }
            case VectorLiteralExpression:
                Error(ErrorCode.TypeMismatch, expression.Span, "a vector is not allowed here");
                return Invalid;
            default:
                Error(ErrorCode.UnsupportedOperation, expression.Span, "a value here must be a literal or a parameter");
                return Invalid;
        }
    }

    /// <summary>Converts a value to a column type, reporting a type mismatch at <paramref name="span"/>.</summary>
    private object? Coerce(object? value, ColumnType type, int dimensions, string columnName, SourceSpan span)
    {
        if (value is null or DBNull)
            return null;
        if (Limits.ValueTooLarge(value) is { } tooLarge)
        {
            Error(ErrorCode.StorageLimit, span, $"column '{columnName}': {tooLarge}");
            return null;
        }
        object? converted = ValueConverter.ToScalar(value, type);
        if (converted is null)
        {
            string what = value is double d && double.IsNaN(d) || value is float f && float.IsNaN(f)
                ? "NaN, which a REAL column cannot hold"
                : Describe(value);
            Error(ErrorCode.TypeMismatch, span, $"column '{columnName}' is {TypeName(type, dimensions)} but the value is {what}");
        }
        return converted;
    }

    /// <summary>A vector value (literal, parameter or NULL) for <paramref name="column"/>, read as floats and checked for its element type.</summary>
    /// <remarks>For a BIT column the result holds one 0 or 1 per bit; a string of '0' and '1' characters is also accepted.</remarks>
    private float[]? BindVector(Expression expression, ColumnSchema column, bool allowNull)
    {
        var elementType = column.Element;
        int dimensions = column.Dimensions;
        string expected = $"column '{column.Name}' is {column.TypeText}";
        float[]? vector;
        switch (expression)
        {
            case VectorLiteralExpression literal:
                vector = new float[literal.Elements.Count];
                for (int i = 0; i < vector.Length; i++)
                {
                    var element = Evaluate(literal.Elements[i]);
                    if (ReferenceEquals(element, Invalid))
                        return null;
                    if (!TryToFloat(element, out vector[i]))
                    {
                        Error(ErrorCode.TypeMismatch, literal.Elements[i].Span, $"a vector element must be a number, not {Describe(element)}");
                        return null;
                    }
                    if (float.IsInfinity(vector[i]) && element is double d && double.IsFinite(d))
                    {
                        Error(ErrorCode.InvalidVectorValue, literal.Elements[i].Span, VectorInputs.BeyondFloat(i, d));
                        return null;
                    }
                }
                break;
            case LiteralExpression { Kind: LiteralKind.Null } when allowNull:
                return null;
            case ParameterExpression or LiteralExpression or UnaryExpression:
            {
                var value = Evaluate(expression);
                if (ReferenceEquals(value, Invalid))
                    return null;
                if (value is null)
                {
                    if (!allowNull)
                        Error(ErrorCode.TypeMismatch, expression.Span, "the query vector is NULL");
                    return null;
                }
                if (VectorEncoding.ToFloats(value, elementType, dimensions, expected, out vector) is { } unreadable)
                {
                    Error(unreadable.Code, expression.Span, unreadable.Message);
                    return null;
                }
                if (vector is null)
                {
                    Error(ErrorCode.TypeMismatch, expression.Span, $"{expected} but the value is {Describe(value)}");
                    return null;
                }
                break;
            }
            default:
                Error(ErrorCode.TypeMismatch, expression.Span, $"{expected}; write a vector literal such as [0.1, 0.2] or a parameter");
                return null;
        }

        if (VectorEncoding.Check(vector, elementType, dimensions, expected) is { } problem)
        {
            Error(problem.Code, expression.Span, problem.Message);
            return null;
        }
        return vector;
    }

    private static bool TryToFloat(object? value, out float result)
    {
        switch (value)
        {
            case long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal:
                result = (float)Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Checks that an UPDATE expression's inferred type can go into a column.</summary>
    private void CheckAssignable(ColumnSchema column, ValueKind kind, SourceSpan span)
    {
        bool ok = kind switch
        {
            ValueKind.Unknown or ValueKind.Null => true,
            ValueKind.Integer => column.Type is ColumnType.Integer or ColumnType.Real or ColumnType.Boolean,
            ValueKind.Real => column.Type is ColumnType.Real or ColumnType.Integer,
            ValueKind.Boolean => column.Type is ColumnType.Boolean or ColumnType.Integer,
            ValueKind.Text => column.Type == ColumnType.Text,
            ValueKind.Blob => column.Type == ColumnType.Blob,
            _ => false,
        };
        if (!ok)
            Error(ErrorCode.TypeMismatch, span, $"column '{column.Name}' is {column.TypeText} but the expression gives {ValueKinds.SqlName(kind)}");
    }

    private static string TypeName(ColumnType type, int dimensions)
        => type == ColumnType.Vector ? $"VECTOR({dimensions})" : type.ToString().ToUpperInvariant();

    private static string Describe(object? value) => ValueConverter.Describe(value);
}
