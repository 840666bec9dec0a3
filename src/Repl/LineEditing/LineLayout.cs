using System.Globalization;
using Spectre.Console;

namespace VecStore.Repl.LineEditing;

/// <summary>Where each character of a prompt and its line lands on a terminal of a given width, wide characters included.</summary>
/// <remarks>
/// <para>
/// The text is taken a grapheme at a time (a letter with its accents, an emoji with its modifiers,
/// a surrogate pair), each as wide as Spectre.Console measures it: 2 cells for Chinese, Japanese and
/// Korean characters and most emoji, 0 for a lone combining mark, 1 otherwise. A character that does
/// not fit in what is left of a row starts the next one, leaving the last cell empty, as terminals do.
/// </para>
/// <para>
/// Positions are (row, column) counted from the prompt's first cell. A position at the very end of a
/// full row is given as column 0 of the next row, where the next character will go.
/// </para>
/// </remarks>
internal static class LineLayout
{
    /// <summary>The position at which the character at <paramref name="index"/> of <paramref name="text"/> starts (or the text's end, for its length).</summary>
    public static (int Row, int Column) PositionOf(string text, int index, int width)
    {
        int row = 0;
        int column = 0;
        int i = 0;
        while (i < index && i < text.Length)
        {
            int length = GraphemeLength(text, i);
            int cells = Width(text.AsSpan(i, length));
            if (column + cells > width)
            {
                row++;
                column = 0;
            }
            column += cells;
            if (column >= width)
            {
                row++;
                column = 0;
            }
            i += length;
        }
        return (row, column);
    }

    /// <summary>How many cells <paramref name="text"/> takes on one row.</summary>
    public static int Width(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : text.ToString().GetCellWidth();

    /// <summary>The length in chars of the grapheme starting at <paramref name="index"/>.</summary>
    public static int GraphemeLength(string text, int index) =>
        index >= text.Length ? 0 : Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(index)));

    /// <summary>The start of the grapheme that ends at <paramref name="index"/> (where the cursor lands moving left).</summary>
    public static int PreviousBoundary(string text, int index)
    {
        int previous = 0;
        int i = 0;
        while (i < index)
        {
            previous = i;
            i += GraphemeLength(text, i);
        }
        return previous;
    }

    /// <summary>The end of the grapheme that starts at <paramref name="index"/> (where the cursor lands moving right).</summary>
    public static int NextBoundary(string text, int index) => Math.Min(text.Length, index + GraphemeLength(text, index));
}
