using System.Text;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Damages statement text the ways hostile or careless input does: flipped, deleted and repeated characters, spliced tokens, odd unicode, NUL, huge numbers, deep nesting, very long names and values.</summary>
internal static class TextMutator
{
    private static readonly string[] Tokens =
    [
        "SELECT", "FROM", "WHERE", "ORDER BY", "LIMIT", "OFFSET", "WITH", "AND", "OR", "NOT", "NULL", "IN", "BETWEEN",
        "LIKE", "INSERT", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "DROP", "TABLE", "INDEX", "USING", "HNSW", "IVF",
        "IVFPQ", "VECTOR", "HALF", "BIT", "METRIC", "PRIMARY KEY", "DEFAULT", "EXPLAIN", "ANALYZE", "BEGIN", "COMMIT",
        "ROLLBACK", "CHECKPOINT", "count(*)", "distance(", "(", ")", "[", "]", ",", ";", ".", "*", "||", "<->", "<=>",
        "<#>", "<+>", "<~>", "<%>", "?", "@q", "$x", "'", "\"", "--", "/*", "*/", "x'0", "1e", "-", "+", "=", "<",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e999", "1e-999",
        "0.0000000000000000000000000000000000000000000001", "1" + new string('0', 400), "-0", ".5", "1.", "0x10",
    ];

    /// <summary>One or two mutations of <paramref name="text"/>.</summary>
    public static string Mutate(Random random, string text)
    {
        var s = new StringBuilder(text);
        int edits = random.Next(3) == 0 ? 2 : 1;
        for (int e = 0; e < edits; e++)
            MutateOnce(random, s);
        return s.ToString();
    }

    private static void MutateOnce(Random random, StringBuilder s)
    {
        int at = s.Length == 0 ? 0 : random.Next(s.Length + 1);
        int span = Math.Min(random.Next(1, 12), s.Length - at);
        switch (random.Next(13))
        {
            case 0 when at < s.Length:
                s[at] = (char)(s[at] ^ (1 << random.Next(7)));
                break;
            case 1:
                s.Remove(at, span);
                break;
            case 2:
                s.Insert(at, s.ToString(at, span));
                break;
            case 3:
                s.Insert(at, " " + Tokens[random.Next(Tokens.Length)] + " ");
                break;
            case 4:
                s.Insert(at, (char)random.Next(0x80, 0x10000));
                break;
            case 5:
                s.Insert(at, random.Next(2) == 0 ? "\0" : Pick(random, ["\uD800", "\uDFFF", "\uFEFF", "\u200B", "\u2028", "\r", "\u00A0", "é", "🙂"]));
                break;
            case 6:
                s.Insert(at, " " + Numbers[random.Next(Numbers.Length)] + " ");
                break;
            case 7:
            {
                int depth = Pick(random, [50, 199, 201, 1000, 5000]);
                string open = random.Next(2) == 0 ? "(" : "[", close = open == "(" ? ")" : "]";
                s.Insert(at + span, string.Concat(Enumerable.Repeat(close, depth)));
                s.Insert(at, string.Concat(Enumerable.Repeat(open, depth)));
                break;
            }
            case 8:
                s.Insert(at, " " + new string('n', Pick(random, [128, 129, 1000, 100_000])) + " ");
                break;
            case 9:
                s.Insert(at, " \"" + new string('q', Pick(random, [128, 129, 5000])) + "\" ");
                break;
            case 10:
                s.Insert(at, " '" + new string('s', Pick(random, [10, 70_000])) + "' ");
                break;
            case 11:
                // The same statement again after a ';', or a dangling separator.
                s.Insert(at, random.Next(2) == 0 ? ";" : "; " + s.ToString(0, Math.Min(s.Length, 60)));
                break;
            default:
                s.Insert(at, " -" + Pick(random, ["-", "1", "(", "@q", "[1]"]));
                break;
        }
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];
}
