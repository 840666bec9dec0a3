using Spectre.Console;
using Spectre.Console.Rendering;

namespace VecStore.Repl.Output;

/// <summary>Draws a <see cref="ResultTable"/> on a terminal with Spectre.Console: a rounded box, bold headers, dim NULLs.</summary>
internal static class TerminalTableRenderer
{
    private static readonly Style NullStyle = new(decoration: Decoration.Dim);

    /// <summary>Renders the table; the terminal's width decides how wide cells may grow before they wrap.</summary>
    public static void Write(ResultTable table, IAnsiConsole console, bool headers = true)
    {
        var grid = new Table().Border(TableBorder.Rounded).BorderStyle(new Style(decoration: Decoration.Dim));
        grid.ShowHeaders = headers;
        for (int i = 0; i < table.Headers.Count; i++)
        {
            var column = new TableColumn(new Text(table.Headers[i], new Style(decoration: Decoration.Bold)));
            grid.AddColumn(table.RightAligned[i] ? column.RightAligned() : column);
        }
        foreach (var row in table.Rows)
        {
            var cells = new IRenderable[row.Length];
            // Only NULL cells hold the table's own NullText instance; a text value 'NULL' is another string.
            for (int i = 0; i < row.Length; i++)
                cells[i] = ReferenceEquals(row[i], table.NullText) ? new Text(row[i], NullStyle) : new Text(row[i]);
            grid.AddRow(cells);
        }
        console.Write(grid);
    }
}
