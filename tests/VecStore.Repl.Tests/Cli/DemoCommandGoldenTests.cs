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
    public void Demo_replaces_a_database_that_exists()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "shop.vdb", "CREATE TABLE leftover (id INTEGER PRIMARY KEY)");

        var (exitCode, _) = VecstoreProcess.Run(folder.Path, "", "demo", "shop.vdb");

        var (_, tables) = VecstoreProcess.Run(folder.Path, "", "shop.vdb", ".tables");
        Assert.Equal((0, "products\n"), (exitCode, tables));
    }
}
