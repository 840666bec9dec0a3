using System.Globalization;
using Spectre.Console;
using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Shell;

/// <summary>
/// The caret of a printed error stands under the culprit on a terminal: measured here with
/// Spectre.Console's cell widths (which the shell's tables and line editor use), independently of
/// the engine's own width function, the text above the carets is exactly the unknown name.
/// </summary>
public sealed class ErrorCaretCellTests : IDisposable
{
    private readonly ErrorReporting _shell = new();

    public ErrorCaretCellTests()
    {
        using var create = _shell.Connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT)";
        create.ExecuteNonQuery();
    }

    public static TheoryData<string, string> Statements() => new()
    {
        { "SELECT '中文标题', nope FROM t", "nope" },
        { "SELECT '한국어', 'Ａｂｃ', 'ｱｲ', nope FROM t", "nope" },
        { "SELECT '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', '⌚', nope FROM t", "nope" },
        { "SELECT 'e\u0301\u0301', 'a\u200Bb', '\u0301', nope FROM t", "nope" },
        { "SELECT '𠀀𪜀', nope FROM t", "nope" },
        { "SELECT \"列名\", title FROM t", "\"列名\"" },
        { "SELECT \"👍🏽x\" FROM t", "\"👍🏽x\"" },
        { "SELECT id FROM t\nWHERE title = '标题' AND 列 = 1", "列" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void The_caret_stands_under_the_culprit_by_terminal_cells(string sql, string culprit)
    {
        _shell.ReportFailureOf(sql);

        var (line, caret) = Excerpt();
        string statementLine = sql.Split('\n')[^1];
        Assert.Equal(statementLine, line);
        Assert.Equal(culprit, TextUnder(line, caret));
    }

    [Fact]
    public void Tabs_become_spaces_to_the_next_stop_and_the_caret_follows()
    {
        _shell.ReportFailureOf("SELECT\t'a',\t\tnope FROM t");

        var (line, caret) = Excerpt();
        Assert.Equal("SELECT  'a',        nope FROM t", line);
        Assert.Equal("nope", TextUnder(line, caret));
    }

    [Fact]
    public void Control_characters_are_shown_as_replacement_characters_and_move_no_cursor()
    {
        _shell.ReportFailureOf("SELECT 'x\u001b[31m\u0007', nope FROM t");

        var (line, caret) = Excerpt();
        Assert.Equal("SELECT 'x\uFFFD[31m\uFFFD', nope FROM t", line);
        Assert.Equal("nope", TextUnder(line, caret));
    }

    // The excerpt's two lines, without their two-space indent.
    private (string Line, string Caret) Excerpt()
    {
        var lines = _shell.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  ", lines[2], StringComparison.Ordinal);
        return (lines[1][2..], lines[2][2..]);
    }

    // The graphemes of `line` that occupy the cells the carets occupy, cut nowhere else.
    private static string TextUnder(string line, string caret)
    {
        int from = caret.IndexOf('^', StringComparison.Ordinal);
        int to = caret.LastIndexOf('^') + 1;
        Assert.Equal(new string('^', to - from), caret[from..]);
        var under = new System.Text.StringBuilder();
        int cell = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(line);
        while (graphemes.MoveNext())
        {
            string grapheme = graphemes.GetTextElement();
            int width = grapheme.GetCellWidth();
            if (cell >= from && cell + width <= to)
                under.Append(grapheme);
            else
                Assert.False(cell < to && cell + width > from, $"the carets cut '{grapheme}' at cell {cell}");
            cell += width;
        }
        return under.ToString();
    }

    public void Dispose() => _shell.Dispose();
}
