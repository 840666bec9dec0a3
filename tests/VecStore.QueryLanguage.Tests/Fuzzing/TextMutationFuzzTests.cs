using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Tests.Docs;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of statement text: valid statements from the golden scripts of the shell's
/// tests and from the statement generator, damaged (<see cref="TextMutator"/>) and run through
/// parse, bind and execution on a real database.
/// </summary>
/// <remarks>
/// Invariants: only <see cref="VecStoreException"/> escapes; a text error carries a line and a
/// column inside the text; a failed single statement leaves the database as it was.
/// </remarks>
public sealed class TextMutationFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_golden_script_statements_fail_only_with_VecStoreException()
    {
        var scripts = GoldenScripts();
        Assert.True(scripts.Count >= 5, "the golden scripts were not found");
        var counts = new Counts();
        int cases = FuzzRun.ForEach(nameof(Mutated_golden_script_statements_fail_only_with_VecStoreException), suite: 250, longMode: 20_000, fixedSeed: 31_000, random =>
        {
            var statements = scripts[random.Next(scripts.Count)];
            int target = random.Next(statements.Count);
            using var connection = Memory();
            for (int i = 0; i < target; i++)
                FuzzExecution.RunExpectingOnlyVecStoreErrors(connection, statements[i]);
            Check(connection, TextMutator.Mutate(random, statements[target]), [], counts);
        });
        output.WriteLine($"{cases} mutants of golden statements: {counts}");
    }

    [Fact]
    public void Mutated_generated_statements_fail_only_with_VecStoreException()
    {
        var counts = new Counts();
        int cases = FuzzRun.ForEach(nameof(Mutated_generated_statements_fail_only_with_VecStoreException), suite: 150, longMode: 20_000, fixedSeed: 47_000, random =>
        {
            using var dir = new TempDirectory();
            using var connection = Memory();
            var schema = new FuzzSchema();
            var grammar = new FuzzGrammar(random, schema, dir.Path);
            for (int i = random.Next(2, 8); i > 0; i--)
            {
                var setup = grammar.Next();
                if (FuzzExecution.RunExpectingOnlyVecStoreErrors(connection, setup.Sql, setup.Parameters) is null)
                    setup.OnSuccess?.Invoke(schema);
            }
            var statement = grammar.Next();
            Check(connection, TextMutator.Mutate(random, statement.Sql), statement.Parameters, counts);
        });
        output.WriteLine($"{cases} mutants of generated statements: {counts}");
    }

    private static VecStoreConnection Memory()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static void Check(VecStoreConnection connection, string sql, List<(string, object?)> parameters, Counts counts)
    {
        var before = DatabaseSnapshot.Take(connection);
        VecStoreException? error;
        try
        {
            error = FuzzExecution.RunExpectingOnlyVecStoreErrors(connection, sql, parameters);
        }
        catch (Exception other)
        {
            throw new Xunit.Sdk.XunitException($"{other.GetType().Name} escaped from {Escape(sql)}\n{other}");
        }
        if (error is null)
        {
            counts.Ran++;
            return;
        }
        counts.Failed++;
        if ((int)error.Code < 100)
            counts.TextErrors++;
        string? problem = FuzzExecution.Inspect(error, sql);
        Assert.True(problem is null, $"{problem} for {Escape(sql)}");
        // A text of several statements runs them in turn, so only a single statement must leave no trace.
        if (SqlParser.Parse(sql).Statements.Count <= 1 && (int)error.Code is not (int)ErrorCode.TransactionAlreadyActive)
            Assert.True(before.Fingerprint == DatabaseSnapshot.Take(connection).Fingerprint, $"the failed statement changed the database: {Escape(sql)}\n{error.Message}");
    }

    /// <summary>The statements of every golden script of the shell's tests, dot-commands left out, split where the parser splits them.</summary>
    private static List<List<string>> GoldenScripts()
    {
        string folder = Path.Combine(ErrorCatalogueTests.RepositoryRoot(), "tests", "VecStore.Repl.Tests", "Golden");
        var scripts = new List<List<string>>();
        foreach (var file in Directory.GetFiles(folder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string text = string.Join("\n", File.ReadAllLines(file).Where(line => !line.TrimStart().StartsWith('.')));
            var parsed = SqlParser.Parse(text);
            var statements = parsed.Statements.Select(s => text.Substring(s.Span.Start, s.Span.End - s.Span.Start)).ToList();
            if (statements.Count > 0)
                scripts.Add(statements);
        }
        return scripts;
    }

    private static string Escape(string text)
    {
        string shown = text.Length > 300 ? text[..300] + $"... ({text.Length} characters)" : text;
        return "\"" + string.Concat(shown.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
    }

    private sealed class Counts
    {
        public int Ran;
        public int Failed;
        public int TextErrors;

        public override string ToString() => $"{Ran} ran, {Failed} failed cleanly ({TextErrors} in reading the text)";
    }
}
