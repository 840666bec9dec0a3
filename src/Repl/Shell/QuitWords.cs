namespace VecStore.Repl.Shell;

/// <summary>The other ways out of the shell that people type from habit: psql's <c>\q</c>, and <c>exit</c> or <c>quit</c> alone on a line.</summary>
/// <remarks>
/// None of them is SQL, so taking them at the start of a statement changes no statement's meaning.
/// In the middle of a statement only <c>\q</c> counts (a backslash is never SQL); <c>exit</c> there
/// is part of the statement, as in psql.
/// </remarks>
internal static class QuitWords
{
    /// <summary>True when <paramref name="line"/> asks to leave; <paramref name="statementUnderWay"/> when a statement has begun on earlier lines.</summary>
    public static bool AskToQuit(string line, bool statementUnderWay)
    {
        var text = line.AsSpan().Trim();
        if (text.Equals(@"\q", StringComparison.Ordinal))
            return true;
        if (statementUnderWay)
            return false;
        if (text.EndsWith(";"))
            text = text[..^1].TrimEnd();
        return text.Equals("exit", StringComparison.OrdinalIgnoreCase) || text.Equals("quit", StringComparison.OrdinalIgnoreCase);
    }
}
