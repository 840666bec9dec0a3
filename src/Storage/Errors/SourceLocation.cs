using System.Globalization;
using System.Text;

namespace VecStore;

/// <summary>Where in a statement's text an error lies: 1-based line and column, and the span's length.</summary>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character, in UTF-16 code units.</param>
/// <param name="Length">Characters (UTF-16 code units) the error covers (at least 1 for the caret).</param>
/// <param name="LineText">The whole line of text the error is on, for the caret excerpt.</param>
public sealed record SourceLocation(int Line, int Column, int Length, string LineText)
{
    // A tab in the excerpt becomes spaces up to the next multiple of this many cells.
    private const int TabStop = 4;

    /// <summary>Two lines: the source line indented by two spaces, and carets under the span.</summary>
    /// <remarks>
    /// The caret is placed by terminal cells, not characters (<see cref="TerminalCells"/>): under
    /// Chinese text, emoji or accents it still lands under the character it points at. Tabs are
    /// expanded to spaces and other control characters shown as U+FFFD, so the line prints the same
    /// on every terminal and can move no cursor.
    /// </remarks>
    public string Excerpt()
    {
        string text = LineText;
        int start = Math.Clamp(Column - 1, 0, text.Length);
        int end = Math.Clamp(start + Math.Max(1, Length), start, text.Length);
        var line = new StringBuilder(text.Length + 8);
        int cells = 0, caretStart = -1, caretEnd = -1;
        for (int i = 0; i < text.Length;)
        {
            int length = Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(i)));
            // A span that starts or ends inside a cluster covers all of it.
            if (caretStart < 0 && start < i + length)
                caretStart = cells;
            if (caretEnd < 0 && end <= i)
                caretEnd = cells;
            cells += Append(line, text.AsSpan(i, length), cells);
            i += length;
        }
        caretStart = caretStart < 0 ? cells : caretStart;
        caretEnd = caretEnd < 0 ? cells : caretEnd;
        return "  " + line + "\n  " + new string(' ', caretStart) + new string('^', Math.Max(1, caretEnd - caretStart));
    }

    // Writes one grapheme cluster as it is to be shown at cell column `column`; returns its cells.
    private static int Append(StringBuilder line, ReadOnlySpan<char> cluster, int column)
    {
        if (cluster[0] == '\t')
        {
            int spaces = TabStop - column % TabStop;
            line.Append(' ', spaces);
            return spaces;
        }
        if (Rune.DecodeFromUtf16(cluster, out var first, out _) == System.Buffers.OperationStatus.Done
            && Rune.GetUnicodeCategory(first) == UnicodeCategory.Control)
        {
            line.Append('\uFFFD');
            return 1;
        }
        line.Append(cluster);
        return TerminalCells.ClusterWidth(cluster);
    }
}
