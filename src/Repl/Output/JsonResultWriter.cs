using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    // Relaxed escaping keeps non-ASCII text readable; the output is not embedded in HTML.
    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";
}
