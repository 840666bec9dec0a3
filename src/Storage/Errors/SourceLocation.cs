namespace VecStore;

/// <summary>Where in a statement's text an error lies: 1-based line and column, and the span's length.</summary>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
/// <param name="Length">Characters the error covers (at least 1 for the caret).</param>
/// <param name="LineText">The whole line of text the error is on, for the caret excerpt.</param>
public sealed record SourceLocation(int Line, int Column, int Length, string LineText)
{
    /// <summary>Two lines: the source line indented by two spaces, and carets under the span.</summary>
    public string Excerpt()
    {
        var text = LineText.Replace('\t', ' ');
        int start = Math.Clamp(Column - 1, 0, text.Length);
        int length = Math.Max(1, Math.Min(Length, Math.Max(1, text.Length - start)));
        return "  " + text + "\n  " + new string(' ', start) + new string('^', length);
    }
}
