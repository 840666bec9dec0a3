using System.Globalization;
using VecStore.Storage;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Converts values an application supplies (parameters, bulk rows) to what a column stores.</summary>
/// <remarks>The binder reports a failed conversion at the value's place in the text; bulk inserts report the row and column.</remarks>
internal static class ValueConverter
{
    /// <summary>The value as a scalar column of <paramref name="type"/> stores it, or null when it does not fit.</summary>
    public static object? ToScalar(object value, ColumnType type) => type switch
    {
        ColumnType.Integer => value switch
        {
            long or int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ulong u when u <= long.MaxValue => (long)u,
            double d when Math.Floor(d) == d && d >= long.MinValue && d < 9.2233720368547758E18 => (long)d,
            float f when MathF.Floor(f) == f && f >= long.MinValue && f < 9.2233720368547758E18f => (long)f,
            decimal m when decimal.Floor(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
            _ => null,
        },
        ColumnType.Real => value switch
        {
            double d when double.IsNaN(d) => null,
            float f when float.IsNaN(f) => null,
            long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            Half h when !Half.IsNaN(h) => (double)h,
            _ => null,
        },
        ColumnType.Text => value switch
        {
            string s => s,
            char c => c.ToString(),
            _ => null,
        },
        ColumnType.Blob => value switch
        {
            byte[] bytes => ExactBytes(bytes),
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            Memory<byte> memory => memory.ToArray(),
            _ => null,
        },
        ColumnType.Boolean => value switch
        {
            bool b => b,
            long l when l is 0 or 1 => l == 1,
            int i when i is 0 or 1 => i == 1,
            _ => null,
        },
        _ => null,
    };

    /// <summary>The bytes as a true byte[]: the runtime lets an sbyte[] pass as a byte[], which SQLite's provider then refuses to bind.</summary>
    public static byte[] ExactBytes(byte[] bytes)
    {
        if (bytes.GetType() == typeof(byte[]))
            return bytes;
        var copy = new byte[bytes.Length];
        Buffer.BlockCopy(bytes, 0, copy, 0, bytes.Length);
        return copy;
    }

    /// <summary>Converts any value for <paramref name="column"/>; returns the problem, or null when it fits.</summary>
    public static (ErrorCode Code, string Message)? TryConvert(object? value, ColumnSchema column, out object? converted)
    {
        converted = null;
        if (value is null or DBNull)
            return null;
        if (column.IsVector)
        {
            string expected = $"column '{column.Name}' is {column.TypeText}";
            if (VectorEncoding.ToFloats(value, column.Element, column.Dimensions, expected, out var vector) is { } unreadable)
                return unreadable;
            if (vector is null)
                return (ErrorCode.TypeMismatch, $"{expected} but the value is {Describe(value)}");
            var problem = VectorEncoding.Check(vector, column.Element, column.Dimensions, expected);
            if (problem is null)
                converted = VectorEncoding.Encode(vector, column.Element);
            return problem;
        }
        if (Limits.ValueTooLarge(value) is { } tooLarge)
            return (ErrorCode.StorageLimit, $"column '{column.Name}': {tooLarge}");
        converted = ToScalar(value, column.Type);
        if (converted is not null)
            return null;
        string what = value is double d && double.IsNaN(d) || value is float f && float.IsNaN(f) ? "NaN, which a REAL column cannot hold" : Describe(value);
        return (ErrorCode.TypeMismatch, $"column '{column.Name}' is {column.TypeText} but the value is {what}");
    }

    public static string Describe(object? value) => value switch
    {
        null => "NULL",
        string s => $"the text '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        bool b => b ? "TRUE" : "FALSE",
        byte[] bytes => $"a blob of {bytes.Length} bytes",
        float[] or double[] or ReadOnlyMemory<float> => "a vector",
        long or int or short or byte => $"the integer {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        double or float or decimal => $"the number {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        _ => $"a value of type {value.GetType().Name}",
    };
}
