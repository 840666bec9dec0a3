using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>The editing keys change the line the way readline's do.</summary>
public sealed class LineEditorKeyTests
{
    [Theory]
    [InlineData("SELECT 1;{Enter}", "SELECT 1;")]
    [InlineData("SELEC 1{Home}{RightArrow}{RightArrow}{RightArrow}{RightArrow}{RightArrow}T{Enter}", "SELECT 1")]
    [InlineData("abcd{Backspace}{Backspace}x{Enter}", "abx")]
    [InlineData("abcd{Home}{Delete}{End}e{Enter}", "bcde")]
    [InlineData("one two three^W^Wfour{Enter}", "one four")]
    [InlineData("keep this^Adrop ^U{Enter}", "keep this")]
    [InlineData("keep drop^B^B^B^B^K{Enter}", "keep ")]
    [InlineData("one two{Ctrl+LeftArrow}X{Enter}", "one Xtwo")]
    [InlineData("a\tb{Enter}", "a b")]
    public void Keys_edit_the_line(string keys, string expected)
    {
        var editor = Editor(keys, new LineHistory(null));

        Assert.Equal(expected, editor.ReadLine("vecstore> "));
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_keep_the_draft()
    {
        var history = new LineHistory(null);
        history.Add("SELECT 1;");
        history.Add("SELECT 2;");
        var editor = Editor("draft{UpArrow}{UpArrow}{UpArrow}{DownArrow}{DownArrow}{DownArrow}{Enter}{UpArrow}{UpArrow}{Enter}", history);

        Assert.Equal(("draft", "SELECT 2;"), (editor.ReadLine("> "), editor.ReadLine("> ")));
    }

    [Fact]
    public void Ctrl_C_abandons_the_line() =>
        Assert.Throws<OperationCanceledException>(() => Editor("half a statement^C", new LineHistory(null)).ReadLine("> "));

    [Fact]
    public void Ctrl_D_on_an_empty_line_ends_the_input() =>
        Assert.Null(Editor("^D", new LineHistory(null)).ReadLine("> "));

    [Fact]
    public void Ctrl_D_inside_a_line_deletes_a_character() =>
        Assert.Equal("ac", Editor("abc{LeftArrow}{LeftArrow}^D{Enter}", new LineHistory(null)).ReadLine("> "));

    [Fact]
    public void Submitted_lines_go_into_the_history()
    {
        var history = new LineHistory(null);

        Editor("SELECT 1;{Enter}", history).ReadLine("> ");

        Assert.Equal("SELECT 1;", history[^1]);
    }

    [Fact]
    public void A_line_wider_than_the_terminal_still_reads_back_whole()
    {
        string longLine = new('x', 50);
        var terminal = new StringWriter();
        var editor = new LineEditor(new ScriptedKeys(longLine + "{Home}y{Enter}"), terminal, () => 20, new LineHistory(null));

        Assert.Equal("y" + longLine, editor.ReadLine("vecstore> "));
        Assert.Contains("\x1b[3A", terminal.ToString(), StringComparison.Ordinal);
    }

    private static LineEditor Editor(string keys, LineHistory history) =>
        new(new ScriptedKeys(keys), new StringWriter(), () => 80, history);
}
