namespace VecStore.QueryLanguage.Diagnostics;

/// <summary>A command text as the user wrote it, with the line structure needed to point at a span.</summary>
/// <remarks>
/// Lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>. Lines and columns are 1-based and count
/// UTF-16 code units, as editors that show a column number usually do. Immutable and thread-safe.
/// </remarks>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Wraps a command text.</summary>
    public SourceText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        _lineStarts = FindLineStarts(text);
    }

    /// <summary>The whole command text.</summary>
    public string Text { get; }

    /// <summary>Number of characters in the text.</summary>
    public int Length => Text.Length;

    /// <summary>Number of lines; an empty text has one empty line.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The characters a span covers.</summary>
    public string ToString(SourceSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>The 0-based index of the line that holds <paramref name="offset"/>.</summary>
    /// <remarks>The end of the text (offset == Length) belongs to the last line.</remarks>
    public int GetLineIndex(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Text.Length);
        int index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The text of a line without its line break, by 0-based index.</summary>
    public string GetLineText(int lineIndex)
    {
        int start = _lineStarts[lineIndex];
        int end = lineIndex + 1 < _lineStarts.Length ? _lineStarts[lineIndex + 1] : Text.Length;
        while (end > start && Text[end - 1] is '\n' or '\r')
            end--;
        return Text.Substring(start, end - start);
    }

    /// <summary>The 1-based line and column of a span's start, its length, and the line it starts on.</summary>
    public SourceLocation GetLocation(SourceSpan span)
    {
        int lineIndex = GetLineIndex(span.Start);
        int column = span.Start - _lineStarts[lineIndex] + 1;
        return new SourceLocation(lineIndex + 1, column, Math.Max(1, span.Length), GetLineText(lineIndex));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int[] FindLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            if (c is '\n' or '\r')
                starts.Add(i + 1);
        }
        return [.. starts];
    }
}
