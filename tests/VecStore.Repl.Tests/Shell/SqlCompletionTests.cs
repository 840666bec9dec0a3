using VecStore.Repl.LineEditing;
using VecStore.Repl.Shell;
using VecStore.Repl.Tests.LineEditing;
using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Tab completes dot-commands, keywords, table names and the columns of the tables a line names.</summary>
public sealed class SqlCompletionTests
{
    [Theory]
    [InlineData("sel{Tab}{Enter}", "select ")]
    [InlineData("SEL{Tab}{Enter}", "SELECT ")]
    [InlineData("SELECT * FROM pro{Tab}{Enter}", "SELECT * FROM products ")]
    [InlineData("SELECT emb{Tab}{Enter}", "SELECT embedding ")]
    [InlineData("SELECT nam{Tab}FROM products{Enter}", "SELECT name FROM products")]
    [InlineData("SELECT pr{Tab}{Enter}", "SELECT pr")]
    [InlineData(".sch{Tab}pro{Tab}{Enter}", ".schema products ")]
    [InlineData("SELECT * FROM people WHERE ni{Tab}{Enter}", "SELECT * FROM people WHERE nickname ")]
    [InlineData("SELECT * FROM products WHERE ni{Tab}{Enter}", "SELECT * FROM products WHERE ni")]
    [InlineData("SET ef{Tab}= 100{Enter}", "SET ef_search = 100")]
    [InlineData("set local str{Tab}{Enter}", "set local strategy ")]
    [InlineData("SHOW np{Tab}{Enter}", "SHOW nprobe ")]
    [InlineData("reset al{Tab}{Enter}", "reset all ")]
    [InlineData("UPDATE products SET na{Tab}{Enter}", "UPDATE products SET name ")]
    public void Tab_completes(string keys, string expected)
    {
        using var session = new ShellSession();
        session.Execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price REAL, embedding VECTOR(2))");
        session.Execute("CREATE TABLE people (id INTEGER PRIMARY KEY, nickname TEXT)");
        var editor = new LineEditor(new ScriptedKeys(keys), new StringWriter(), () => 80, new LineHistory(null), new SqlCompletion(session.Context));

        Assert.Equal(expected, editor.ReadLine("> "));
    }

    [Fact]
    public void A_second_tab_lists_the_choices()
    {
        using var session = new ShellSession();
        session.Execute("CREATE TABLE products (id INTEGER PRIMARY KEY, price REAL)");
        var terminal = new StringWriter();
        var editor = new LineEditor(new ScriptedKeys("SELECT pr{Tab}{Enter}"), terminal, () => 80, new LineHistory(null), new SqlCompletion(session.Context));

        editor.ReadLine("> ");

        Assert.Contains("primary", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("price", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("products", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_tab_after_set_lists_the_settings()
    {
        using var session = new ShellSession();
        var terminal = new StringWriter();
        var editor = new LineEditor(new ScriptedKeys("SET s{Tab}{Tab}{Enter}"), terminal, () => 80, new LineHistory(null), new SqlCompletion(session.Context));

        editor.ReadLine("> ");

        Assert.Contains("strategy", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("session", terminal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", terminal.ToString(), StringComparison.Ordinal);
    }
}
