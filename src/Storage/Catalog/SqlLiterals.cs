using System.Globalization;
using System.Text;

namespace VecStore.Storage.Catalog;

/// <summary>Writes values as VecStore SQL literals, for <c>.schema</c>, <c>.dump</c> and messages (never for SQLite).</summary>
/// <remarks>
/// A literal reads back as exactly the value it was written from: reals and vector components
/// keep every bit (negative zero included), BIT values are strings of 0s and 1s. Only a REAL that
/// is NaN or infinite has no literal; it is written <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>,
/// which the parser refuses, so callers that must read it back handle those themselves.
/// </remarks>
public static class SqlLiterals
{
    /// <summary>The literal that reads back as <paramref name="value"/>.</summary>
    public static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatReal(d),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        float[] v => FormatVector(v),
        bool[] bits => FormatBits(bits),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "NULL",
    };

    /// <summary>A vector literal such as <c>[0.5, -1, 2]</c> whose components read back bit for bit.</summary>
    public static string FormatVector(ReadOnlySpan<float> vector)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < vector.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(FormatComponent(vector[i]));
        return text.Append(']').ToString();
    }

    /// <summary>A BIT value as the string literal of its bits, first bit first: <c>'101'</c>.</summary>
    public static string FormatBits(ReadOnlySpan<bool> bits)
    {
        var text = new StringBuilder(bits.Length + 2).Append('\'');
        foreach (bool bit in bits)
            text.Append(bit ? '1' : '0');
        return text.Append('\'').ToString();
    }

    // The parser reads a component as a double and narrows it to a float. The shortest text that
    // reads back as the float when parsed as one could in rare cases narrow differently after the
    // detour through double; then the float's exact double value is written instead, which narrows
    // without rounding. A whole number is read as an integer, which has no negative zero.
    private static string FormatComponent(float value)
    {
        if (value == 0)
            return float.IsNegative(value) ? "-0.0" : "0";
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.TryParse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture, out double read)
            && BitConverter.SingleToInt32Bits((float)read) == BitConverter.SingleToInt32Bits(value))
            return shortest;
        return ((double)value).ToString("R", CultureInfo.InvariantCulture);
    }

    private static string FormatReal(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || text.Contains('N') || text.Contains('I') ? text : text + ".0";
    }
}
