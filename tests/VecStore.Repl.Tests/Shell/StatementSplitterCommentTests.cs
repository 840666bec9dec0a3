using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Comments never end a statement, and comments alone are not a statement.</summary>
public sealed class StatementSplitterCommentTests
{
    [Fact]
    public void AddLine_ignores_a_semicolon_in_a_line_comment()
    {
        var splitter = new StatementSplitter();

        var first = splitter.AddLine("SELECT 1 -- not the end; really");
        var second = splitter.AddLine(";");

        Assert.Equal((0, "SELECT 1 -- not the end; really"), (first.Count, second.Single().Text));
    }

    [Fact]
    public void AddLine_ignores_a_semicolon_in_a_block_comment_across_lines()
    {
        var splitter = new StatementSplitter();

        splitter.AddLine("SELECT /* one;");
        var completed = splitter.AddLine("two; */ 1;");

        Assert.Equal("SELECT /* one;\ntwo; */ 1", completed.Single().Text);
    }

    [Fact]
    public void Comments_before_a_statement_are_not_part_of_it()
    {
        var splitter = new StatementSplitter();

        splitter.AddLine("-- heading");
        var completed = splitter.AddLine("/* note */ SELECT 1;");

        Assert.Equal(("SELECT 1", 2, 12), (completed[0].Text, completed[0].Line, completed[0].Column));
    }

    [Theory]
    [InlineData("-- only a comment")]
    [InlineData("/* only a comment */")]
    [InlineData("   ")]
    [InlineData(";;")]
    [InlineData("SELECT 1; -- trailing comment")]
    public void IsEmpty_after_text_without_a_pending_statement(string line)
    {
        var splitter = new StatementSplitter();

        splitter.AddLine(line);

        Assert.True(splitter.IsEmpty);
    }

    [Fact]
    public void IsEmpty_is_false_inside_an_open_block_comment()
    {
        var splitter = new StatementSplitter();

        splitter.AddLine("/* still open");

        Assert.False(splitter.IsEmpty);
    }
}
