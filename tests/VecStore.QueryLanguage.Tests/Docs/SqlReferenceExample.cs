namespace VecStore.QueryLanguage.Tests.Docs;

/// <summary>One example of docs/sql.md: a fenced block whose info string starts with <c>sql</c>, and the <c>result</c> block after it, if any.</summary>
/// <param name="Line">The 1-based line of the opening fence, for messages.</param>
/// <param name="Kind">What the block is: an example, sample data for the examples after it, or an example that must fail.</param>
/// <param name="Sql">The statements, run as one command.</param>
/// <param name="ExpectedCode">For an error example, the code it must fail with (<c>VECSQL0101</c>).</param>
/// <param name="Empty">True when the example runs on a new, empty database file rather than on the sample data.</param>
/// <param name="Expected">The text of the <c>result</c> block, or null when the example shows none.</param>
/// <param name="ResultLine">The 1-based line of the result block's opening fence, or 0.</param>
public sealed record SqlReferenceExample(int Line, SqlExampleKind Kind, string Sql, string? ExpectedCode, bool Empty, string? Expected, int ResultLine)
{
    /// <summary>Reads every example of a Markdown text, in order.</summary>
    /// <remarks>
    /// Fences open at the start of a line with <c>```</c>. The info string is <c>sql</c>, then any
    /// of <c>setup</c>, <c>empty</c>, <c>error VECSQLnnnn</c>. Blank lines may stand between an
    /// example and its <c>result</c> block; any other text ends the example.
    /// </remarks>
    public static List<SqlReferenceExample> Read(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var examples = new List<SqlReferenceExample>();
        for (int i = 0; i < lines.Length; i++)
        {
            var info = Info(lines[i]);
            if (info is null || info.Length == 0 || info[0] != "sql")
            {
                if (info is not null)
                    i = Close(lines, i); // skip other blocks whole, so their content is never read as a fence
                continue;
            }
            int start = i;
            int end = Close(lines, i);
            string sql = string.Join("\n", lines[(start + 1)..end]);
            var kind = SqlExampleKind.Example;
            string? code = null;
            bool empty = false;
            for (int w = 1; w < info.Length; w++)
            {
                switch (info[w])
                {
                    case "setup": kind = SqlExampleKind.Setup; break;
                    case "empty": empty = true; break;
                    case "error" when w + 1 < info.Length:
                        kind = SqlExampleKind.Error;
                        code = info[++w];
                        break;
                    default:
                        throw new FormatException($"docs/sql.md line {start + 1}: unknown word '{info[w]}' after ```sql (the words are setup, empty, error VECSQLnnnn)");
                }
            }
            i = end;
            string? expected = null;
            int resultLine = 0;
            int next = end + 1;
            while (next < lines.Length && lines[next].Trim().Length == 0)
                next++;
            if (next < lines.Length && Info(lines[next]) is ["result"])
            {
                int close = Close(lines, next);
                expected = string.Join("\n", lines[(next + 1)..close]);
                resultLine = next + 1;
                i = close;
            }
            examples.Add(new SqlReferenceExample(start + 1, kind, sql, code, empty, expected, resultLine));
        }
        return examples;
    }

    /// <summary>The words of a fence's info string, or null when the line opens no fence.</summary>
    private static string[]? Info(string line)
        => line.StartsWith("```", StringComparison.Ordinal) ? line[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;

    private static int Close(string[] lines, int open)
    {
        for (int i = open + 1; i < lines.Length; i++)
            if (lines[i].TrimEnd() == "```")
                return i;
        throw new FormatException($"docs/sql.md line {open + 1}: the code block is never closed");
    }
}

/// <summary>What a <c>```sql</c> block of docs/sql.md is.</summary>
public enum SqlExampleKind
{
    /// <summary>Runs on the sample data and must succeed; its last result set must match the result block, if one follows.</summary>
    Example,

    /// <summary>Sample data: runs before every later example, on each example's new database.</summary>
    Setup,

    /// <summary>Must fail with the code given; the result block, if any, is the error message with its caret.</summary>
    Error,
}
