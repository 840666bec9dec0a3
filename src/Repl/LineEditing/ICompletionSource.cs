namespace VecStore.Repl.LineEditing;

/// <summary>What Tab may complete: the words that could stand where the cursor is.</summary>
internal interface ICompletionSource
{
    /// <summary>The words that complete <paramref name="word"/>, the word just before the cursor, given the line up to it.</summary>
    /// <param name="lineBeforeCursor">The line from its start to the cursor; it ends with <paramref name="word"/>.</param>
    /// <param name="word">The letters, digits and underscores just before the cursor (a leading '.' too, for a dot-command); may be empty.</param>
    /// <param name="statementUnderWay">True when earlier lines began a statement, so the line is not a dot-command.</param>
    IReadOnlyList<string> Complete(string lineBeforeCursor, string word, bool statementUnderWay);
}
