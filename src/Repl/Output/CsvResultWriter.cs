using System.Data.Common;
using System.Text;

namespace VecStore.Repl.Output;

/// <summary>Writes a result set as RFC 4180 CSV: a header row, then one line per row, streamed.</summary>
/// <remarks>
/// Fields holding a comma, a quote, a line break or leading or trailing spaces are quoted, with
/// quotes doubled. NULL is an empty field; vectors are written in full, as <c>"[0.1, 0.2]"</c>.
/// Lines end in <c>\n</c> on every platform.
/// </remarks>
internal static class CsvResultWriter
{
    /// <summary>Writes the header and every remaining row of the current result set; returns the row count.</summary>
    public static int Write(DbDataReader reader, TextWriter output)
    {
        int count = reader.FieldCount;
        var line = new StringBuilder();
        for (int i = 0; i < count; i++)
            AppendField(line, i, reader.GetName(i));
        output.Write(line.Append('\n'));

        int rows = 0;
        while (reader.Read())
        {
            line.Clear();
            for (int i = 0; i < count; i++)
                AppendField(line, i, ValueFormatter.Exact(reader.GetValue(i)));
            output.Write(line.Append('\n'));
            rows++;
        }
        return rows;
    }

    private static void AppendField(StringBuilder line, int ordinal, string field)
    {
        if (ordinal > 0)
            line.Append(',');
        bool quote = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        if (!quote)
        {
            line.Append(field);
            return;
        }
        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
