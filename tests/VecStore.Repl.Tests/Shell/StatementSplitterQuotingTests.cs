using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Shell;

/// <summary>A ';' inside a string, a blob or a quoted name does not end the statement.</summary>
public sealed class StatementSplitterQuotingTests
{
    [Theory]
    [InlineData("SELECT 'a;b'")]
    [InlineData("SELECT 'it''s; fine'")]
    [InlineData("SELECT \"odd;name\" FROM t")]
    [InlineData("SELECT \"say \"\"hi\"\";\" FROM t")]
    [InlineData("SELECT x'3B'")]
    [InlineData("SELECT '' , ';'")]
    public void AddLine_keeps_semicolons_inside_quotes(string statement)
    {
        var splitter = new StatementSplitter();

        var completed = splitter.AddLine(statement + ";");

        Assert.Equal([statement], completed.Select(s => s.Text));
    }

    [Fact]
    public void AddLine_continues_a_string_across_lines()
    {
        var splitter = new StatementSplitter();

        var first = splitter.AddLine("INSERT INTO t VALUES ('line one;");
        var second = splitter.AddLine("line two');");

        Assert.Equal((0, "INSERT INTO t VALUES ('line one;\nline two')"), (first.Count, second.Single().Text));
    }

    [Fact]
    public void IsEmpty_is_false_inside_an_open_string()
    {
        var splitter = new StatementSplitter();

        splitter.AddLine("SELECT 'open");

        Assert.False(splitter.IsEmpty);
    }
}
