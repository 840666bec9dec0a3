namespace VecStore.Repl.Shell;

/// <summary>One SQL statement cut from the input, with where it starts there.</summary>
/// <param name="Text">The statement from its first significant character up to, not including, its <c>;</c>.</param>
/// <param name="Line">1-based line of the input on which the statement starts.</param>
/// <param name="Column">1-based column of that line at which the statement starts.</param>
internal sealed record SqlStatement(string Text, int Line, int Column)
{
    /// <summary>
    /// The text to hand to the engine: the statement preceded by blank lines and spaces that put
    /// it at its place in the input, so the line and column numbers of an error point into the
    /// script (or the line the user typed), not into the statement alone.
    /// </summary>
    public string CommandText => new string('\n', Line - 1) + new string(' ', Column - 1) + Text;

    /// <summary>The first word of the statement in upper case (<c>SELECT</c>, <c>EXPLAIN</c>), or empty.</summary>
    public string Verb
    {
        get
        {
            int length = 0;
            while (length < Text.Length && char.IsAsciiLetter(Text[length]))
                length++;
            return Text[..length].ToUpperInvariant();
        }
    }
}
