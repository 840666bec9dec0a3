using System.Globalization;

namespace VecStore.Repl.Import;

/// <summary>Turns the text of a CSV cell into the value its column stores.</summary>
/// <remarks>
/// Numbers use '.' for decimals whatever the culture. A vector is written <c>[0.1, 0.2, 0.3]</c>, or
/// as numbers separated by spaces or semicolons (<c>0.1 0.2 0.3</c>, <c>0.1;0.2;0.3</c>). Booleans are
/// true/false, t/f, yes/no or 1/0; blobs are hexadecimal, with or without a leading <c>0x</c>.
/// </remarks>
internal static class TextValues
{
    private static readonly char[] VectorSeparators = [',', ';', ' ', '\t'];

    /// <summary>The value of <paramref name="text"/> for <paramref name="column"/>.</summary>
    /// <exception cref="FormatException">The text is not a value of the column's type; the message says why.</exception>
    public static object Parse(string text, ImportColumn column)
    {
        string trimmed = text.Trim();
        switch (column.DataType)
        {
            case "VECTOR":
                return ParseVector(trimmed);
            case "INTEGER":
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? integer
                    : throw new FormatException($"'{Clip(text)}' is not an integer");
            case "REAL":
                return ParseNumber(trimmed, text);
            case "BOOLEAN":
                return trimmed.ToLowerInvariant() switch
                {
                    "true" or "t" or "yes" or "1" => true,
                    "false" or "f" or "no" or "0" => false,
                    _ => throw new FormatException($"'{Clip(text)}' is not a boolean (true or false)"),
                };
            case "BLOB":
                try
                {
                    return Convert.FromHexString(trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed[2..] : trimmed);
                }
                catch (FormatException)
                {
                    throw new FormatException($"'{Clip(text)}' is not hexadecimal bytes");
                }
            default:
                return text;
        }
    }

    /// <summary>A vector written <c>[0.1, 0.2]</c>, <c>0.1 0.2</c> or <c>0.1;0.2</c>.</summary>
    /// <exception cref="FormatException">An element is not a number, or a bracket is missing.</exception>
    public static float[] ParseVector(string text)
    {
        string inner = text.Trim();
        bool opens = inner.StartsWith('['), closes = inner.EndsWith(']');
        if (opens != closes)
            throw new FormatException($"'{Clip(text)}' is missing its {(opens ? "closing ']'" : "opening '['")}");
        if (opens)
            inner = inner[1..^1];
        var parts = inner.Split(VectorSeparators, StringSplitOptions.RemoveEmptyEntries);
        var vector = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]))
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"vector element {i} ('{Clip(parts[i])}') is not a number"));
        }
        return vector;
    }

    private static double ParseNumber(string trimmed, string text)
        => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"'{Clip(text)}' is not a number");

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
