namespace VecStore.TestSupport;

/// <summary>SQL with the spans a test expects marked in brackets, as in <c>SELECT id FROM docs WHERE (price &lt; 10 [LIMIT] 5</c>.</summary>
/// <remarks>
/// <see cref="Parse"/> removes the markers and records where each marked span lies in the clean text.
/// <c>[]</c> marks a position, such as the end of the input. VecSQL uses brackets for vector
/// literals, so tests whose SQL holds one pass other markers: <c>Parse("... [[1, 2]] {LIMIT}", '{', '}')</c>.
/// </remarks>
/// <param name="Text">The SQL without markers.</param>
/// <param name="Spans">The marked spans in order, as offsets and lengths into <paramref name="Text"/>.</param>
public sealed record AnnotatedSql(string Text, IReadOnlyList<(int Start, int Length)> Spans)
{
    /// <summary>The one marked span.</summary>
    /// <exception cref="InvalidOperationException">The SQL marks no span or more than one.</exception>
    public (int Start, int Length) Span => Spans.Count == 1
        ? Spans[0]
        : throw new InvalidOperationException($"Expected exactly one marked span but found {Spans.Count} in: {Text}");

    /// <summary>Removes the markers from <paramref name="annotated"/> and records the spans they enclose.</summary>
    /// <exception cref="ArgumentException">A marker is unbalanced or nested.</exception>
    public static AnnotatedSql Parse(string annotated, char open = '[', char close = ']')
    {
        ArgumentNullException.ThrowIfNull(annotated);
        var text = new System.Text.StringBuilder(annotated.Length);
        var spans = new List<(int Start, int Length)>();
        int? start = null;
        foreach (char c in annotated)
        {
            if (c == open)
            {
                if (start is not null)
                    throw new ArgumentException($"Nested '{open}' in: {annotated}", nameof(annotated));
                start = text.Length;
            }
            else if (c == close)
            {
                if (start is null)
                    throw new ArgumentException($"'{close}' without '{open}' in: {annotated}", nameof(annotated));
                spans.Add((start.Value, text.Length - start.Value));
                start = null;
            }
            else
            {
                text.Append(c);
            }
        }
        if (start is not null)
            throw new ArgumentException($"'{open}' without '{close}' in: {annotated}", nameof(annotated));
        return new AnnotatedSql(text.ToString(), spans);
    }
}
