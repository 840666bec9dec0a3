using System.Data.Common;
using System.Text;

namespace VecStore.Repl.Output;

/// <summary>Writes a result set as RFC 4180 CSV: a header row, then one line per row, streamed.</summary>
/// <remarks>
/// Fields holding a comma, a quote, a line break or leading or trailing spaces are quoted, with
/// quotes doubled. NULL is an empty field (or <c>.nullvalue</c>'s text) and empty text is <c>""</c>,
/// so the two stay apart, as in PostgreSQL's CSV and VecStore's own <c>.import</c>. Vectors are
/// written in full, as <c>"[0.1, 0.2]"</c>, BIT values as <c>101</c>, blobs as <c>x'00FF'</c>.
/// Lines end in <c>\n</c> on every platform.
/// </remarks>
internal static class CsvResultWriter
{
    /// <summary>Writes the header and every remaining row of the current result set; returns the row count.</summary>
    /// <param name="reader">The reader, before its first row.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="headers">Whether the first line names the columns (<c>.headers</c>).</param>
    /// <param name="nullText">How NULL is written: empty unless <c>.nullvalue</c> set it.</param>
    public static int Write(DbDataReader reader, TextWriter output, bool headers = true, string nullText = "")
    {
        int count = reader.FieldCount;
        var line = new StringBuilder();
        if (headers)
        {
            for (int i = 0; i < count; i++)
                AppendField(line, i, reader.GetName(i));
            output.Write(line.Append('\n'));
        }

        int rows = 0;
        while (reader.Read())
        {
            line.Clear();
            for (int i = 0; i < count; i++)
            {
                var value = reader.GetValue(i);
                if (value is DBNull && nullText.Length == 0)
                {
                    if (i > 0)
                        line.Append(',');
                }
                else
                {
                    AppendField(line, i, value is DBNull ? nullText : ValueFormatter.Exact(value));
                }
            }
            output.Write(line.Append('\n'));
            rows++;
        }
        return rows;
    }

    private static void AppendField(StringBuilder line, int ordinal, string field)
    {
        if (ordinal > 0)
            line.Append(',');
        bool quote = field.Length == 0 // empty text, told apart from NULL's empty field
            || field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        if (!quote)
        {
            line.Append(field);
            return;
        }
        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
