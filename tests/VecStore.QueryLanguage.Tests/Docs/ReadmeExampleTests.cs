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

    // README joined example: begin
    private static void JoinedExample(TextWriter Console)
    {
        using var connection = new VecStoreConnection("Data Source=library.vdb");
        connection.Open();
        connection.Execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT, lang TEXT)");
        connection.Execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER, body TEXT, embedding VECTOR(3) METRIC cosine)");
        connection.Execute("INSERT INTO documents VALUES (1, 'Shoe care', 'en'), (2, 'Chaussures', 'fr'), (3, 'Shirts', 'en')");
        connection.Execute("INSERT INTO chunks VALUES (@Id, @Doc, @Body, @Embedding)", new[]
        {
            new { Id = 1, Doc = 1, Body = "polish the leather", Embedding = new[] { 0.9f, 0.1f, 0.0f } },
            new { Id = 2, Doc = 1, Body = "dry wet shoes slowly", Embedding = new[] { 0.6f, 0.3f, 0.2f } },
            new { Id = 3, Doc = 2, Body = "cirer le cuir", Embedding = new[] { 0.9f, 0.0f, 0.1f } },
            new { Id = 4, Doc = 3, Body = "iron cotton inside out", Embedding = new[] { 0.1f, 0.9f, 0.2f } },
        });

        // The best chunk of each English document, nearest first: a join, a filter on the
        // documents and an aggregate over distances.
        var best = connection.Query<(string Title, string Body, double Dist)>("""
            SELECT d.title, c.body, min(c.embedding <=> @q) AS dist
            FROM chunks c JOIN documents d ON d.id = c.doc_id
            WHERE d.lang = 'en'
            GROUP BY d.id ORDER BY dist LIMIT 5
            """, new { q = new[] { 1.0f, 0.0f, 0.0f } });
        foreach (var (title, body, dist) in best)
            Console.WriteLine($"{title}: {body} ({dist:F3})");

        // The two nearest chunks of English documents: a nearest-neighbour search through the join
        // (the chunks' index ranks them, the filter on the documents pushed into the search), and
        // SQLite joins just the ranked rows to their documents.
        foreach (var (title, body) in connection.Query<(string Title, string Body)>("""
            SELECT d.title, c.body FROM chunks c JOIN documents d ON d.id = c.doc_id
            WHERE d.lang = 'en' ORDER BY c.embedding <=> @q LIMIT 2
            """, new { q = new[] { 1.0f, 0.0f, 0.0f } }))
            Console.WriteLine($"{title}: {body}");
    }
    // README joined example: end

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
    public void Readme_joined_example_finds_the_best_chunk_of_each_english_document()
    {
        using var dir = new TempDirectory();
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(dir.Path);
        try
        {
            var output = new StringWriter { NewLine = "\n" };
            JoinedExample(output);
            Assert.Equal("Shoe care: polish the leather (0.006)\nShirts: iron cotton inside out (0.892)\nShoe care: polish the leather\nShoe care: dry wet shoes slowly\n", output.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Theory]
    [InlineData("private static void Example(", "// README example: end")]
    [InlineData("private static void JoinedExample(", "// README joined example: end")]
    public void Readme_shows_the_example_as_it_is_tested(string start, string stop)
    {
        string root = ErrorCatalogueTests.RepositoryRoot();
        var source = File.ReadAllLines(Path.Combine(root, "tests", "VecStore.QueryLanguage.Tests", "Docs", "ReadmeExampleTests.cs"));
        int begin = Array.FindIndex(source, l => l.Contains(start)) + 2;
        int end = Array.FindIndex(source, l => l.Contains(stop)) - 1;
        var body = source[begin..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim());
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        Assert.Contains(string.Join("\n", body), readme);
    }
}
