using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Docs;

[CollectionDefinition(nameof(ReadmeExampleTests), DisableParallelization = true)]
public sealed class ReadmeExampleCollection;

/// <summary>The C# example of the README runs, and the README shows exactly this code.</summary>
[Collection(nameof(ReadmeExampleTests))]
public sealed class ReadmeExampleTests
{
    public sealed record Hit(long Id, string Title, double Dist);

    // README example: begin
    // The parameter stands in for System.Console, so the README's code is this code.
    private static void Example(TextWriter Console)
    {
        using var connection = new VecStoreConnection("Data Source=shop.vdb");
        connection.Open();
        connection.Execute("CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, title TEXT, embedding VECTOR(3))");
        connection.Execute("INSERT INTO docs (id, title, embedding) VALUES (@Id, @Title, @Embedding)", new[]
        {
            new { Id = 1, Title = "red shoes", Embedding = new[] { 0.9f, 0.1f, 0.0f } },
            new { Id = 2, Title = "blue shirt", Embedding = new[] { 0.1f, 0.9f, 0.1f } },
            new { Id = 3, Title = "pink shoes", Embedding = new[] { 0.8f, 0.3f, 0.1f } },
        });

        var hits = connection.Query<Hit>(
            "SELECT id, title, distance(embedding, @q) AS dist FROM docs ORDER BY dist LIMIT 2",
            new { q = new[] { 1.0f, 0.0f, 0.0f } });
        foreach (var hit in hits)
            Console.WriteLine($"{hit.Id} {hit.Title} {hit.Dist:F3}");
    }
    // README example: end

    [Fact]
    public void Readme_example_runs_and_finds_the_shoes()
    {
        using var dir = new TempDirectory();
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(dir.Path);
        try
        {
            var output = new StringWriter { NewLine = "\n" };
            Example(output);
            Assert.Equal("1 red shoes 0.141\n3 pink shoes 0.374\n", output.ToString());
            Assert.True(File.Exists(Path.Combine(dir.Path, "shop.vdb")));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void Readme_shows_the_example_as_it_is_tested()
    {
        string root = ErrorCatalogueTests.RepositoryRoot();
        var source = File.ReadAllLines(Path.Combine(root, "tests", "VecStore.QueryLanguage.Tests", "Docs", "ReadmeExampleTests.cs"));
        int begin = Array.FindIndex(source, l => l.Contains("private static void Example(")) + 2;
        int end = Array.FindIndex(source, l => l.Contains("// README example: end")) - 1;
        var body = source[begin..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim());
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        Assert.Contains(string.Join("\n", body), readme);
    }
}
