using System.Text;
using System.Text.RegularExpressions;
using VecStore.Storage.Queries;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Docs;

/// <summary>docs/sql.md, the language reference: every example in it runs as shown, and it names everything the grammar has.</summary>
/// <remarks>
/// Runs in the README's collection, which runs alone: the examples name files (BACKUP TO 'x.vdbz')
/// relative to the current directory, which the test points at a temporary folder.
/// </remarks>
[Collection(nameof(ReadmeExampleTests))]
public sealed partial class SqlReferenceTests
{
    private static string DocPath => Path.Combine(ErrorCatalogueTests.RepositoryRoot(), "docs", "sql.md");

    [Fact]
    public void Every_example_runs_as_the_reference_shows()
    {
        string markdown = File.ReadAllText(DocPath);
        var examples = SqlReferenceExample.Read(markdown);
        Assert.True(examples.Count(e => e.Kind != SqlExampleKind.Setup) >= 50, $"docs/sql.md has only {examples.Count} examples");

        using var dir = new TempDirectory();
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(dir.Path);
        var failures = new List<string>();
        var received = new Dictionary<int, string>();
        try
        {
            var setup = new StringBuilder();
            int files = 0;
            foreach (var example in examples)
            {
                string source = example.Empty ? $"Data Source={dir.File($"example{++files}.vdb")}" : "Data Source=:memory:";
                string? problem = Run(example, source, example.Empty ? "" : setup.ToString(), out string? actual);
                if (problem is not null)
                    failures.Add($"docs/sql.md line {example.Line}: {problem}");
                if (actual is not null && example.ResultLine > 0)
                    received[example.ResultLine] = actual;
                if (example.Kind == SqlExampleKind.Setup)
                    setup.Append(example.Sql).Append(";\n");
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        if (failures.Count > 0)
        {
            // As with the golden files: the page with what actually ran in its result blocks, for review.
            string path = Path.ChangeExtension(DocPath, ".received.md");
            File.WriteAllText(path, WithResults(markdown, received));
            failures.Add($"the page with the actual results is {path}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Runs one example on a new database; returns what is wrong with it, or null.</summary>
    /// <param name="actual">The text its result block should hold: the last result set, or the error message.</param>
    private static string? Run(SqlReferenceExample example, string source, string setup, out string? actual)
    {
        actual = null;
        using var connection = new VecStoreConnection(source);
        connection.Open();
        if (setup.Length > 0)
        {
            using var prepare = connection.CreateCommand();
            prepare.CommandText = setup;
            prepare.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = example.Sql;
        try
        {
            using var reader = command.ExecuteReader();
            do
            {
                if (reader.FieldCount > 0)
                    actual = ResultText.Of(reader);
            }
            while (reader.NextResult());
        }
        catch (VecStoreException ex)
        {
            actual = ResultText.Message(ex.Message);
            if (example.Kind != SqlExampleKind.Error)
                return $"failed: {ex.Message}";
            if (ex.CodeName != example.ExpectedCode)
                return $"failed with {ex.CodeName}, not {example.ExpectedCode}: {ex.Message}";
            if (example.Expected is not null && ResultText.Message(example.Expected) != actual)
                return $"the message differs; it is\n{actual}";
            return null;
        }
        if (example.Kind == SqlExampleKind.Error)
            return $"ran, but should fail with {example.ExpectedCode}";
        if (example.Expected is null)
            return null;
        if (actual is null)
            return "returned no rows, but a result is shown";
        return ResultText.Normalize(example.Expected) == ResultText.Normalize(actual) ? null : $"the result differs; it is\n{actual}";
    }

    private static string WithResults(string markdown, Dictionary<int, string> results)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var output = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            output.Append(lines[i]).Append('\n');
            if (results.TryGetValue(i + 1, out var result))
            {
                output.Append(result).Append('\n');
                while (lines[i + 1].TrimEnd() != "```")
                    i++;
            }
        }
        return output.ToString().TrimEnd('\n') + "\n";
    }

    [Fact]
    public void The_reference_names_every_keyword_operator_and_statement_of_the_grammar()
    {
        string doc = File.ReadAllText(DocPath);
        string grammar = BlockComment().Replace(File.ReadAllText(Path.Combine(ErrorCatalogueTests.RepositoryRoot(), "grammar", "vecsql.ebnf")), " ");
        // The lexical rules ("Tokens") spell characters, not words of the language.
        grammar = grammar[..grammar.IndexOf("Whitespace ::=", StringComparison.Ordinal)];

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match terminal in Terminal().Matches(grammar))
        {
            string text = terminal.Groups["t"].Value;
            bool found = char.IsLetter(text[0])
                ? Regex.IsMatch(doc, $@"(?<![A-Za-z0-9_]){Regex.Escape(text)}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase)
                : doc.Contains(text, StringComparison.Ordinal);
            if (!found)
                missing.Add(text);
        }

        // Each statement has a heading of its own: StatementName without "Statement", as words.
        var statements = Regex.Match(grammar, @"Statement ::=(?<body>[^:]*?)\n\s*\n", RegexOptions.Singleline).Groups["body"].Value;
        var headings = Regex.Matches(doc, @"^#+ .*$", RegexOptions.Multiline).Select(m => m.Value).ToList();
        foreach (Match rule in Regex.Matches(statements, @"(?<name>[A-Za-z]+)Statement"))
        {
            string words = Regex.Replace(rule.Groups["name"].Value, "(?<=[a-z])(?=[A-Z])", " ").ToUpperInvariant();
            if (!headings.Exists(h => Regex.IsMatch(h, $@"\b{words}\b")))
                missing.Add($"a heading for {words}");
        }

        foreach (string function in ScalarFunctions.Names)
            if (!Regex.IsMatch(doc, $@"`{Regex.Escape(function)}\(", RegexOptions.IgnoreCase))
                missing.Add($"the function {function}()");

        Assert.True(missing.Count == 0, "docs/sql.md does not mention: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"'(?<t>[^']+)'")]
    private static partial Regex Terminal();
}
