using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.DotCommands;

/// <summary><c>.output</c> and <c>.once</c> send results to a file as sqlite3's do; errors stay on the screen; the database's own files are refused.</summary>
public sealed class OutputRedirectionTests
{
    [Fact]
    public void Output_sends_every_result_to_the_file_until_output_without_a_file()
    {
        using var folder = new TempDirectory();
        string file = folder.File("out.txt");

        var output = Shell($".mode csv\n.output {file}\nSELECT 1 AS a;\n.tables\nSELECT nope;\nSELECT 2 AS b;\n.output\nSELECT 3 AS c;\n");

        Assert.Equal(("a\n1\n(no tables)\nb\n2\n", true, "c\n3\n"),
            (File.ReadAllText(file), output.StartsWith("Error: VECSQL", StringComparison.Ordinal), output[output.IndexOf("c\n", StringComparison.Ordinal)..]));
    }

    [Fact]
    public void Once_sends_only_the_next_command_to_the_file()
    {
        using var folder = new TempDirectory();
        string file = folder.File("once.txt");

        var output = Shell($".mode csv\n.once {file}\nSELECT 1 AS a;\nSELECT 2 AS b;\n");

        Assert.Equal(("a\n1\n", "b\n2\n"), (File.ReadAllText(file), output));
    }

    [Fact]
    public void Output_to_a_file_of_the_open_database_is_refused()
    {
        using var folder = new TempDirectory();
        string database = folder.File("a.vdb");
        var (_, output) = InProcessShell.Run("", database, $".output {database}-vectors", "SELECT 1");

        Assert.StartsWith($"Error: cannot write output to '{database}-vectors': it is a file of the open database", output, StringComparison.Ordinal);
    }

    private static string Shell(string input) => InProcessShell.Run(input).Output;
}
