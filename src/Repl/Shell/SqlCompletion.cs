using System.Data;
using System.Text.RegularExpressions;
using VecStore.QueryLanguage.Parsing;
using VecStore.Repl.DotCommands;
using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Shell;

/// <summary>What Tab completes in the shell: dot-commands, SQL keywords, and the database's tables and columns.</summary>
/// <remarks>
/// <para>
/// A word after FROM, INTO, UPDATE, TABLE or ON (and the argument of <c>.schema</c>, <c>.indexes</c>,
/// <c>.dump</c>) is a table name. Elsewhere it may be a keyword, a table, or a column of the tables
/// the line names (of every table when it names none, as in a select list typed before its FROM).
/// The names are read from the open database at each Tab, so a table created a moment ago is there.
/// </para>
/// <para>
/// After SET, RESET and SHOW at the start of a statement the word is a setting: the names come
/// from the connection's own <c>SHOW ALL</c>, so the shell offers what the engine accepts.
/// </para>
/// <para>Keywords are offered in the case the word was begun in; names as they were declared.</para>
/// </remarks>
internal sealed partial class SqlCompletion(ShellContext context) : ICompletionSource
{
    private static readonly string[] TableCommands = ["schema", "indexes", "dump", "import"];

    /// <inheritdoc />
    public IReadOnlyList<string> Complete(string lineBeforeCursor, string word, bool statementUnderWay)
    {
        if (!statementUnderWay && word.StartsWith('.') && lineBeforeCursor.TrimStart() == word)
            return Matching(DotCommandDispatcher.Commands.Select(c => "." + c.Name), word);

        string before = lineBeforeCursor[..^word.Length];
        if (!statementUnderWay && SettingExpected().Match(before) is { Success: true } setting)
            return Matching(Settings(setting.Groups["verb"].Value, setting.Groups["scope"].Success, word), word);

        var tables = context.Connection.GetTables().Select(t => t.Name).ToList();
        if (TableExpected().IsMatch(before) || (!statementUnderWay && DotTableArgument(before)))
            return Matching(tables, word);

        var named = TableNames().Matches(lineBeforeCursor)
            .Select(m => m.Groups["name"].Value.Trim('"'))
            .Where(n => tables.Contains(n, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var columns = Columns(named.Count > 0 ? named : tables);
        bool lower = word.Length > 0 && char.IsLower(word[0]);
        var keywords = Keywords.All.Select(k => lower ? k.ToLowerInvariant() : k);
        return Matching(columns.Concat(tables).Concat(keywords), word);
    }

    private static bool DotTableArgument(string before)
    {
        var parts = before.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 1 && parts[0].StartsWith('.') && TableCommands.Contains(parts[0][1..].ToLowerInvariant())
            || parts.Length >= 2 && parts[0].Equals(".import", StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<string> Columns(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            using var schema = context.Connection.GetSchema("Columns", [null, null, table]);
            foreach (DataRow row in schema.Rows)
                yield return (string)row["COLUMN_NAME"];
        }
    }

    /// <summary>The words that may follow SET (a scope, a setting) or RESET and SHOW (a setting, ALL).</summary>
    private IEnumerable<string> Settings(string verb, bool scoped, string word)
    {
        bool lower = word.Length > 0 && char.IsLower(word[0]);
        using var command = context.Connection.CreateCommand();
        command.CommandText = "SHOW ALL";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                yield return reader.GetString(0);
        }
        string[] words = verb.Equals("SET", StringComparison.OrdinalIgnoreCase) ? (scoped ? [] : ["LOCAL", "SESSION"]) : ["ALL"];
        foreach (var keyword in words)
            yield return lower ? keyword.ToLowerInvariant() : keyword;
    }

    private static List<string> Matching(IEnumerable<string> words, string prefix) =>
        [.. words.Where(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && w.Length > prefix.Length || string.Equals(w, prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"^\s*(?<verb>SET|RESET|SHOW)\s+(?:(?<scope>LOCAL|SESSION)\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingExpected();

    [GeneratedRegex(@"\b(FROM|INTO|UPDATE|TABLE|ON|EXISTS)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex TableExpected();

    [GeneratedRegex(@"\b(?:FROM|INTO|UPDATE|TABLE|ON)\s+(?<name>""[^""]+""|[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex TableNames();
}
