namespace VecStore.QueryLanguage.Diagnostics;

/// <summary>A range of characters in a command text: an absolute start offset and a length.</summary>
/// <remarks>Offsets count UTF-16 code units from the start of the whole command text, not of one statement.</remarks>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters; 0 for a position, such as the end of the input.</param>
public readonly record struct SourceSpan(int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from <paramref name="start"/> up to, not including, <paramref name="end"/>.</summary>
    public static SourceSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>The smallest span that covers both spans.</summary>
    public SourceSpan Cover(SourceSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <inheritdoc />
    public override string ToString() => $"[{Start}..{End})";
}
