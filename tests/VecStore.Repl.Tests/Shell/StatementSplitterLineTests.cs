using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Statements span lines, share lines, and know the line and column where they start.</summary>
public sealed class StatementSplitterLineTests
{
    [Fact]
    public void AddLine_completes_a_statement_only_at_its_semicolon()
    {
        var splitter = new StatementSplitter();

        var first = splitter.AddLine("SELECT id,");
        var second = splitter.AddLine("  title FROM docs");
        var third = splitter.AddLine("LIMIT 5;");

        Assert.Equal((0, 0, "SELECT id,\n  title FROM docs\nLIMIT 5"), (first.Count, second.Count, third.Single().Text));
    }

    [Fact]
    public void AddLine_returns_every_statement_a_line_completes()
    {
        var splitter = new StatementSplitter();

        var completed = splitter.AddLine("SELECT 1; SELECT 2;SELECT 3");

        Assert.Equal(["SELECT 1", "SELECT 2"], completed.Select(s => s.Text));
        Assert.False(splitter.IsEmpty);
    }

    [Fact]
    public void Statements_record_where_they_start()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("");
        splitter.SkipLine();

        var completed = splitter.AddLine("  SELECT 1;   SELECT 2;");

        Assert.Equal([(3, 3), (3, 15)], completed.Select(s => (s.Line, s.Column)));
    }

    [Fact]
    public void RestartLineNumbers_numbers_the_next_line_one()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("SELECT 1;");

        splitter.RestartLineNumbers();
        var completed = splitter.AddLine("SELECT 2;");

        Assert.Equal(1, completed.Single().Line);
    }

    [Fact]
    public void Finish_returns_a_last_statement_without_semicolon()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("SELECT 1;");
        splitter.AddLine("SELECT count(*)");
        splitter.AddLine("FROM t");

        var last = splitter.Finish();

        Assert.Equal(("SELECT count(*)\nFROM t", 2), (last?.Text, last?.Line));
    }

    [Fact]
    public void Finish_returns_nothing_after_only_comments()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("SELECT 1; -- done");

        Assert.Null(splitter.Finish());
    }

    [Fact]
    public void Reset_drops_the_pending_statement()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("SELECT 'half");

        splitter.Reset();
        var completed = splitter.AddLine("SELECT 2;");

        Assert.Equal("SELECT 2", completed.Single().Text);
    }
}
