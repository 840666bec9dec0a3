using System.Data.Common;
using System.Globalization;
using System.Text;

namespace VecStore.QueryLanguage.Tests.Docs;

/// <summary>A result set as docs/sql.md shows it (the shell's table layout), and the comparison that ignores alignment.</summary>
public static class ResultText
{
    /// <summary>The reader's current result set as a table: header, rule, one line per row; numbers to six significant digits.</summary>
    public static string Of(DbDataReader reader)
    {
        var rows = new List<string[]>();
        var header = new string[reader.FieldCount];
        for (int i = 0; i < header.Length; i++)
            header[i] = reader.GetName(i);
        var numeric = new bool[header.Length];
        while (reader.Read())
        {
            var row = new string[header.Length];
            for (int i = 0; i < row.Length; i++)
            {
                var value = reader.GetValue(i);
                row[i] = Value(value);
                numeric[i] |= value is long or int or double or float;
            }
            rows.Add(row);
        }
        var widths = new int[header.Length];
        for (int i = 0; i < header.Length; i++)
        {
            widths[i] = header[i].Length;
            foreach (var row in rows)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }
        var text = new StringBuilder();
        Line(text, header, widths, numeric);
        text.Append(string.Join("+", widths.Select(w => new string('-', w + 2)))).Append('\n');
        foreach (var row in rows)
            Line(text, row, widths, numeric);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The cells of a table text, trimmed, without its rule lines: two tables are the same when these are.</summary>
    public static string Normalize(string table)
    {
        var lines = new List<string>();
        foreach (var raw in table.Replace("\r\n", "\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.All(c => c is '-' or '+' or ' '))
                continue;
            lines.Add(string.Join("|", line.Split('|').Select(cell => cell.Trim())));
        }
        return string.Join("\n", lines);
    }

    /// <summary>An error message as compared with a result block: trailing spaces removed from each line.</summary>
    public static string Message(string message)
        => string.Join("\n", message.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool[] right)
    {
        int start = text.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            text.Append(i > 0 ? " | " : " ");
            text.Append(right[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        while (text.Length > start && text[^1] == ' ')
            text.Length--;
        text.Append('\n');
    }

    private static string Value(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "true" : "false",
        double d => Real(d),
        float f => Real(f),
        float[] v => "[" + string.Join(", ", v.Select(x => Real(x))) + "]",
        Half[] h => "[" + string.Join(", ", h.Select(x => Real((double)x))) + "]",
        bool[] bits => string.Concat(bits.Select(b => b ? '1' : '0')),
        byte[] blob => "x'" + Convert.ToHexString(blob) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Real(double value) => value == 0 ? "0" : value.ToString("G6", CultureInfo.InvariantCulture);
}
