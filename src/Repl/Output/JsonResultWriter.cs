using System.Data.Common;
using System.Globalization;
using System.Text;

namespace VecStore.Repl.Output;

/// <summary>Writes a result set as a JSON array of objects keyed by column name, one object per line, streamed.</summary>
/// <remarks>
/// Numbers are written in full (shortest round-trip form). NaN and infinities, which JSON numbers
/// cannot hold, are the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, as
/// PostgreSQL's JSON functions write them, so they are never mistaken for NULL, which is
/// <c>null</c>. Vectors (HALF ones too) are arrays of numbers, BIT values strings of 0s and 1s
/// (<c>"101"</c>), blobs base64 strings, booleans <c>true</c>/<c>false</c>, integers exact numbers.
/// </remarks>
internal static class JsonResultWriter
{
    /// <summary>Writes the remaining rows of the current result set as one array; returns the row count.</summary>
    public static int Write(DbDataReader reader, TextWriter output)
    {
        int count = reader.FieldCount;
        var names = new string[count];
        for (int i = 0; i < count; i++)
            names[i] = Quote(reader.GetName(i));

        int rows = 0;
        var line = new StringBuilder();
        while (reader.Read())
        {
            line.Clear().Append(rows == 0 ? "[\n  {" : ",\n  {");
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                    line.Append(", ");
                line.Append(names[i]).Append(": ");
                AppendValue(line, reader.GetValue(i));
            }
            output.Write(line.Append('}'));
            rows++;
        }
        output.Write(rows == 0 ? "[]\n" : "\n]\n");
        return rows;
    }

    private static void AppendValue(StringBuilder json, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                json.Append("null");
                break;
            case bool flag:
                json.Append(flag ? "true" : "false");
                break;
            case double real:
                AppendNumber(json, real);
                break;
            case float real:
                AppendNumber(json, real);
                break;
            case float[] vector:
                AppendVector(json, vector);
                break;
            case Half[] halves:
                AppendVector(json, ValueFormatter.Floats(halves));
                break;
            case bool[] bits:
                json.Append('"').Append(ValueFormatter.Bits(bits, int.MaxValue)).Append('"');
                break;
            case byte[] blob:
                json.Append('"').Append(Convert.ToBase64String(blob)).Append('"');
                break;
            case long or int or short or byte or decimal:
                json.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }

    private static void AppendVector(StringBuilder json, float[] vector)
    {
        json.Append('[');
        for (int i = 0; i < vector.Length; i++)
        {
            if (i > 0)
                json.Append(", ");
            AppendNumber(json, vector[i]);
        }
        json.Append(']');
    }

    private static void AppendNumber(StringBuilder json, double value)
    {
        if (double.IsFinite(value))
            json.Append(value.ToString("R", CultureInfo.InvariantCulture));
        else
            json.Append('"').Append(NonFinite(value)).Append('"');
    }

    private static void AppendNumber(StringBuilder json, float value)
    {
        if (float.IsFinite(value))
            json.Append(value.ToString("R", CultureInfo.InvariantCulture));
        else
            json.Append('"').Append(NonFinite(value)).Append('"');
    }

    /// <summary>PostgreSQL's spelling of a number JSON cannot hold.</summary>
    public static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    // Only what JSON requires is escaped (quote, backslash, control characters, and a lone surrogate,
    // which UTF-8 cannot carry), so text in any script, emoji included, stays readable.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    bool pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                    if (pairedSurrogate)
                        quoted.Append(c).Append(text[++i]);
                    else if (c < ' ' || char.IsSurrogate(c))
                        quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else
                        quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
