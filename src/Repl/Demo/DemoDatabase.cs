using System.Globalization;
using System.Text;
using VecStore.Repl.Cli;

namespace VecStore.Repl.Demo;

/// <summary>The demo's database: its table, its files, and how to recognise one that <c>vecstore demo</c> made.</summary>
/// <remarks>
/// <c>vecstore demo --force</c> replaces only a database this passes: a SQLite file (checked by its
/// header before anything opens it) that VecStore opens read-only, whose only table is the demo's
/// <c>products</c> exactly as the demo declares it, and whose first and last products are, name and
/// embedding to the last bit, the ones the demo's seed generates. A user's own tables, a changed
/// schema, a text file or anything unreadable fails the test, and the file is left alone.
/// </remarks>
internal static class DemoDatabase
{
    /// <summary>The demo's only table.</summary>
    public const string CreateTable = """
        CREATE TABLE products (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          category TEXT NOT NULL,
          price REAL,
          in_stock BOOLEAN,
          embedding VECTOR(32) METRIC cosine
        )
        """;

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Every file of the database at <paramref name="path"/> that exists: the main file, SQLite's and VecStore's companions, the index files.</summary>
    public static IReadOnlyList<string> ExistingFiles(string path)
    {
        var files = new List<string>();
        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal", "-vectors", "-lock"])
            if (File.Exists(path + suffix) || Directory.Exists(path + suffix))
                files.Add(path + suffix);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && Directory.Exists(directory))
            files.AddRange(Directory.EnumerateFiles(directory, Path.GetFileName(path) + "-index-*").Order(StringComparer.Ordinal));
        return files;
    }

    /// <summary>Why the file at <paramref name="path"/> is not a demo database, or null when it is one.</summary>
    /// <param name="path">An existing file.</param>
    /// <param name="products">The demo's products, as <see cref="ProductCatalog.Generate"/> makes them.</param>
    public static string? WhyNotDemo(string path, IReadOnlyList<DemoProduct> products)
    {
        if (Directory.Exists(path))
            return "it is a folder";
        if (!StartsWithSqliteHeader(path))
            return "it is not a VecStore database";
        try
        {
            using var connection = DatabaseOpener.Open(path, readOnly: true);
            var tables = connection.GetTables();
            if (tables.Count != 1 || tables[0].Name != "products")
                return $"it holds the tables {string.Join(", ", tables.Select(t => t.Name))}, not only the demo's products";
            if (tables[0].Definition != DeclaredDefinition())
                return "its products table is not the demo's";
            foreach (var expected in (DemoProduct[])[products[0], products[^1]])
                if (!HoldsProduct(connection, expected))
                    return string.Create(CultureInfo.InvariantCulture, $"its product {expected.Id} is not the demo's");
            return null;
        }
        catch (VecStoreException exception)
        {
            return "it cannot be read as a VecStore database: " + exception.Message;
        }
    }

    private static bool StartsWithSqliteHeader(string path)
    {
        Span<byte> header = stackalloc byte[16];
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The definition as the engine stores it, which need not be the text typed: ask an empty database.
    private static string DeclaredDefinition()
    {
        using var memory = DatabaseOpener.Open(null, readOnly: false);
        using (var create = new VecStoreCommand(CreateTable, memory))
            create.ExecuteNonQuery();
        return memory.GetTables()[0].Definition;
    }

    private static bool HoldsProduct(VecStoreConnection connection, DemoProduct expected)
    {
        using var select = new VecStoreCommand("SELECT name, embedding FROM products WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", expected.Id);
        using var reader = select.ExecuteReader();
        return reader.Read()
            && reader.GetValue(0) is string name && name == expected.Name
            && reader.GetValue(1) is float[] embedding && embedding.AsSpan().SequenceEqual(expected.Embedding);
    }
}
