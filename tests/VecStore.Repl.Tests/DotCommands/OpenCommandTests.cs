using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.DotCommands;

/// <summary><c>.open</c> switches databases and keeps the old one when the new one cannot be opened.</summary>
public sealed class OpenCommandTests
{
    [Fact]
    public void Open_switches_to_another_database_and_back()
    {
        using var folder = new TempDirectory();
        string a = folder.File("a.vdb");
        string b = folder.File("b.vdb");

        var output = Shell($"CREATE TABLE in_memory (id INTEGER PRIMARY KEY);\n.open {a}\nCREATE TABLE in_a (id INTEGER PRIMARY KEY);\n.open {b}\n.tables\n.open {a}\n.tables\n.open\n.tables\n");

        Assert.Equal("OK\nOK\n(no tables)\nin_a\n(no tables)\n", output);
    }

    [Fact]
    public void A_database_that_cannot_be_opened_leaves_the_session_where_it_was()
    {
        using var folder = new TempDirectory();
        string missing = folder.File("missing.vdb");

        var output = Shell($"CREATE TABLE kept (id INTEGER PRIMARY KEY);\n.open --readonly {missing}\n.tables\n");

        Assert.Equal((true, true), (output.Contains($"Error: cannot open '{missing}'", StringComparison.Ordinal), output.EndsWith("kept\n", StringComparison.Ordinal)));
    }

    private static string Shell(string input) => InProcessShell.Run(input).Output;
}
