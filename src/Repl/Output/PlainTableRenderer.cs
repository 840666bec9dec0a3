using System.Text;

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
/// </remarks>
internal static class PlainTableRenderer
{
    /// <summary>Writes the header, a rule and the rows.</summary>
    public static void Write(ResultTable table, TextWriter output)
    {
        int columns = table.Headers.Count;
        var widths = new int[columns];
        for (int i = 0; i < columns; i++)
            widths[i] = table.Headers[i].Length;
        foreach (var row in table.Rows)
            for (int i = 0; i < columns; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);

        WriteLine(output, table.Headers, widths, table.RightAligned);
        var rule = new StringBuilder();
        for (int i = 0; i < columns; i++)
        {
            if (i > 0)
                rule.Append('+');
            rule.Append('-', widths[i] + 2);
        }
        output.WriteLine(rule.ToString());
        foreach (var row in table.Rows)
            WriteLine(output, row, widths, table.RightAligned);
    }

    private static void WriteLine(TextWriter output, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> rightAligned)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            line.Append(i == 0 ? " " : " | ");
            line.Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        output.WriteLine(line.ToString().TrimEnd());
    }
}
