using VecStore.Repl.DotCommands;

namespace VecStore.Repl.Cli;

/// <summary>Tells a database file name from SQL given in its place, as in <c>vecstore "SELECT 1;"</c>.</summary>
/// <remarks>
/// sqlite3 takes its first argument for the file whatever it holds, and so creates a database called
/// <c>SELECT 1;</c>. The shell refuses instead when the argument names no existing file and reads
/// as SQL: it holds a <c>;</c> or a line break, begins with a word that begins a statement, or is
/// a dot-command. A file really called so is still reached as <c>./select</c>.
/// </remarks>
internal static class SqlLikeArgument
{
    // The words a statement of VecStore's grammar (or a common one it does not run) begins with.
    private static readonly HashSet<string> StatementWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALTER", "ANALYZE", "BACKUP", "BEGIN", "CHECK", "CHECKPOINT", "COMMIT", "CREATE", "DELETE", "DROP",
        "END", "EXPLAIN", "INSERT", "PRAGMA", "REPLACE", "RESTORE", "ROLLBACK", "SELECT", "UPDATE",
        "VACUUM", "VALUES", "WITH",
    };

    /// <summary>True when <paramref name="argument"/> reads as SQL or a dot-command rather than a file name.</summary>
    public static bool LooksLikeSql(string argument)
    {
        string text = argument.Trim();
        if (text.Length == 0)
            return false;
        if (text.AsSpan().IndexOfAny(";\n\r") >= 0)
            return true;
        if (text[0] == '.')
            return DotCommandLine.IsDotCommand(text) && DotCommandDispatcher.Find(DotCommandLine.Parse(text).Name) is not null;
        int end = 0;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
            end++;
        return StatementWords.Contains(text[..end]) && (end == text.Length || char.IsWhiteSpace(text[end]) || text[end] == '(');
    }
}
