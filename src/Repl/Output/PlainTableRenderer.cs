using System.Text;
using Spectre.Console;

namespace VecStore.Repl.Output;

/// <summary>Draws a <see cref="ResultTable"/> as plain aligned text, the way psql does, for output that is not a terminal.</summary>
/// <remarks>
/// No colours and no box-drawing characters, and no trailing spaces, so files and golden tests
/// hold exactly what a person would read:
/// <code>
///  id | name        | dist
/// ----+-------------+----------
///   7 | Trail shoe  | 0.0123457
/// </code>
/// Columns are measured in terminal cells, not characters, so text in Chinese or with emoji
/// (two cells a character) still lines up.
/// </remarks>
internal static class PlainTableRenderer
{
    /// <summary>Writes the header and a rule (unless <paramref name="headers"/> is false), then the rows.</summary>
    public static void Write(ResultTable table, TextWriter output, bool headers = true)
    {
        int columns = table.Headers.Count;
        var widths = new int[columns];
        if (headers)
            for (int i = 0; i < columns; i++)
                widths[i] = table.Headers[i].GetCellWidth();
        foreach (var row in table.Rows)
            for (int i = 0; i < columns; i++)
                widths[i] = Math.Max(widths[i], row[i].GetCellWidth());

        if (headers)
        {
            WriteLine(output, table.Headers, widths, table.RightAligned);
            var rule = new StringBuilder();
            for (int i = 0; i < columns; i++)
            {
                if (i > 0)
                    rule.Append('+');
                rule.Append('-', widths[i] + 2);
            }
            output.WriteLine(rule.ToString());
        }
        foreach (var row in table.Rows)
            WriteLine(output, row, widths, table.RightAligned);
    }

    private static void WriteLine(TextWriter output, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> rightAligned)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            line.Append(i == 0 ? " " : " | ");
            int padding = widths[i] - cells[i].GetCellWidth();
            if (rightAligned[i])
                line.Append(' ', padding).Append(cells[i]);
            else
                line.Append(cells[i]).Append(' ', padding);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }
}
