using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Cli;

/// <summary><c>vecstore demo</c> prints the same tour on every run and machine, and leaves a database the shell can open.</summary>
public sealed class DemoCommandGoldenTests
{
    [Fact]
    public void Demo_prints_its_expected_tour_and_leaves_a_database()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "demo", "shop.vdb");

        Golden.Verify(Path.Combine(GoldenFiles.Folder, "Commands", "demo.expected.txt"), output + $"[exit code {exitCode}]\n");
        var (_, count) = VecstoreProcess.Run(folder.Path, "", "shop.vdb", "SELECT count(*) FROM products WHERE embedding IS NOT NULL");
        Assert.Contains("5000", count, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_refuses_a_database_that_exists_even_with_force_and_leaves_it_as_it_was()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "shop.vdb", "CREATE TABLE products (id INTEGER PRIMARY KEY); INSERT INTO products VALUES (7)");
        var before = Snapshot(folder.Path);

        var (plainExit, plain) = VecstoreProcess.Run(folder.Path, "", "demo", "shop.vdb");
        var (forcedExit, forced) = VecstoreProcess.Run(folder.Path, "", "demo", "--force", "shop.vdb");

        Assert.Equal((1, "Error: 'shop.vdb' exists; choose another name, or add --force to rebuild a demo database made earlier; nothing was changed.\n"), (plainExit, plain));
        Assert.Equal((1, "Error: --force replaces only a demo database, and 'shop.vdb' is not one: its products table is not the demo's; nothing was changed.\n"), (forcedExit, forced));
        // Every file that was there holds the same bytes. (A read-only open may still add SQLite's
        // -wal and -shm beside them, which issue 15's item 5 is about, not the demo.)
        var after = Snapshot(folder.Path);
        Assert.All(before, file => Assert.Equal(file.Value, after.GetValueOrDefault(file.Key)));
    }

    [Fact]
    public void Demo_never_touches_a_file_that_is_not_a_database()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("notes.txt"), "my notes\n");

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "demo", "--force", "notes.txt");

        Assert.Equal((1, "Error: --force replaces only a demo database, and 'notes.txt' is not one: it is not a VecStore database; nothing was changed.\n", "my notes\n", 1),
            (exitCode, output, File.ReadAllText(folder.File("notes.txt")), Directory.GetFileSystemEntries(folder.Path).Length));
    }

    [Fact]
    public void Demo_with_force_rebuilds_an_earlier_demo_database()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "demo", "shop.vdb");
        VecstoreProcess.Run(folder.Path, "", "shop.vdb", "UPDATE products SET price = 0 WHERE id = 2; CREATE INDEX by_price ON products (price)");

        var (refusedExit, _) = VecstoreProcess.Run(folder.Path, "", "demo", "shop.vdb");
        var (forcedExit, _) = VecstoreProcess.Run(folder.Path, "", "demo", "--force", "shop.vdb");

        var (_, rows) = VecstoreProcess.Run(folder.Path, "", "shop.vdb", "SELECT count(*) AS n FROM products WHERE price = 0");
        Assert.Equal((1, 0, " n\n---\n 0\n(1 row)\n\n"), (refusedExit, forcedExit, rows));
    }

    // Every file of the folder with its bytes, to show that nothing was touched.
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
