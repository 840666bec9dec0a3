using System.Text;
using VecStore.QueryLanguage.Parsing;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>
/// Random text never makes the parser throw: it only produces diagnostics, with spans inside the text.
/// Seeds are fixed, so a failure repeats; the failing input is printed in the message.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Cases = 2000;

    private static readonly string[] Vocabulary =
    [
        "SELECT", "FROM", "WHERE", "ORDER", "BY", "LIMIT", "OFFSET", "WITH", "AS", "AND", "OR", "NOT", "IS", "NULL",
        "IN", "BETWEEN", "LIKE", "ESCAPE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "DROP",
        "TABLE", "INDEX", "IF", "EXISTS", "ON", "USING", "HNSW", "IVFPQ", "PRIMARY", "KEY", "DEFAULT", "VECTOR",
        "METRIC", "cosine", "HALF", "INTEGER", "TEXT", "EXPLAIN", "ANALYZE", "BEGIN", "COMMIT", "END", "ROLLBACK",
        "BACKUP", "TO", "RESTORE", "CHECKPOINT", "VACUUM", "CHECK", "TRUE", "FALSE", "ASC", "DESC", "count",
        "distance", "docs", "t", "id", "\"q x\"", "(", ")", "[", "]", ",", ";", ".", "*", "+", "-", "/", "%", "||",
        "=", "==", "<>", "!=", "<", "<=", ">", ">=", "<->", "<=>", "<#>", "<+>", "?", "@q", "$v", "1", "-2", "0.5",
        "3e-3", "'s'", "x'00'", "--c\n", "/*c*/", "'", "\"", "/*", "#", "1e", "99999999999999999999",
    ];

    [Fact]
    public void Parse_of_random_characters_only_reports_diagnostics()
    {
        var random = new Random(20240611);
        const string alphabet = "SELECTfromwhere_01239.eE+-*/%|=!<>#@$?()[],;'\" \n\t\r\\x§é\0\u200B";
        var failures = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 120);
            for (int j = 0; j < length; j++)
            {
                text.Append(random.Next(20) == 0
                    ? (char)random.Next(0, 0x10000)
                    : alphabet[random.Next(alphabet.Length)]);
            }
            Check(text.ToString(), failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public void Parse_of_random_token_sequences_only_reports_diagnostics()
    {
        var random = new Random(7);
        var failures = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            int count = random.Next(0, 40);
            var words = Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]);
            Check(string.Join(random.Next(3) == 0 ? "" : " ", words), failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public void Parse_of_mutated_valid_statements_only_reports_diagnostics()
    {
        var random = new Random(42);
        var valid = ParserRoundTripTests.Statements.Select(row => (string)row[0]).ToArray();
        var failures = new List<string>();
        int clean = 0;
        for (int i = 0; i < Cases; i++)
        {
            var text = new StringBuilder(valid[random.Next(valid.Length)]);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                int length = Math.Min(random.Next(1, 6), text.Length - at);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, length); break;
                    case 1: text.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]); break;
                    default: text.Insert(at, text.ToString(at, length)); break;
                }
            }
            if (Check(text.ToString(), failures))
                clean++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        Assert.True(clean >= 100, $"Only {clean} mutants parsed cleanly; the round-trip check needs more.");
    }

    /// <summary>Parses without throwing; spans lie in the text; what parses cleanly prints and parses back the same.</summary>
    /// <returns>True when the text parsed without diagnostics.</returns>
    private static bool Check(string text, List<string> failures)
    {
        try
        {
            var result = SqlParser.Parse(text);
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.Span.Start < 0 || diagnostic.Span.End > text.Length || ((int)diagnostic.Code is < 1 or > 99 && diagnostic.Code != ErrorCode.NotYetSupported)
                    || string.IsNullOrEmpty(diagnostic.Message))
                {
                    failures.Add($"bad diagnostic {diagnostic} for {Escape(text)}");
                }
                _ = diagnostic.ToException(result.Source).Message;
            }
            foreach (var statement in result.Statements)
            {
                if (statement.Span.Start < 0 || statement.Span.End > text.Length)
                    failures.Add($"bad statement span {statement.Span} for {Escape(text)}");
            }
            if (result.Diagnostics.Count == 0)
            {
                foreach (var statement in result.Statements)
                {
                    string printed = SyntaxPrinter.Print(statement);
                    var reparsed = SqlParser.Parse(printed);
                    if (reparsed.Diagnostics.Count != 0 || reparsed.Statements.Count != 1
                        || SyntaxPrinter.Print(reparsed.Statements[0]) != printed)
                    {
                        failures.Add($"no round trip through {Escape(printed)} for {Escape(text)}");
                    }
                }
            }
            return result.Diagnostics.Count == 0;
        }
        catch (Exception exception)
        {
            failures.Add($"{exception.GetType().Name}: {exception.Message} for {Escape(text)}");
            return false;
        }
    }

    private static string Escape(string text) =>
        "\"" + string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
