using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>Chinese characters and emoji take two cells and may be two chars: the editor moves, deletes and wraps them whole.</summary>
public sealed class LineEditorWideCharacterTests
{
    [Fact]
    public void Backspace_and_arrows_take_an_emoji_whole()
    {
        var editor = new LineEditor(new ScriptedKeys("a😀b{LeftArrow}{Backspace}{LeftArrow}{LeftArrow}{RightArrow}x{Enter}"), new StringWriter(), () => 80, new LineHistory(null));

        Assert.Equal("axb", editor.ReadLine("> "));
    }

    [Fact]
    public void A_combining_accent_stays_with_its_letter()
    {
        var editor = new LineEditor(new ScriptedKeys("cafe\u0301{LeftArrow}X{Enter}"), new StringWriter(), () => 80, new LineHistory(null));

        Assert.Equal("cafXe\u0301", editor.ReadLine("> "));
    }

    [Fact]
    public void Wide_characters_wrap_whole_and_the_cursor_lands_on_the_right_cell()
    {
        var screen = new ScreenModel(12);
        // "> " and five two-cell characters fill 12 cells; the sixth goes to the next row. Then the
        // cursor goes back over x and two wide characters, and a letter typed there pushes the
        // fifth wide character, which no longer fits in the row's last cell, to the next row.
        var editor = new LineEditor(new ScriptedKeys("中文中文中文x{LeftArrow}{LeftArrow}{LeftArrow}y"), screen, () => 12, new LineHistory(null));

        Assert.Throws<InvalidOperationException>(() => editor.ReadLine("> ")); // the scripted keys run out before Enter

        Assert.Equal(["> 中文中文y", "中文x"], screen.Lines);
        Assert.Equal((0, 11), (screen.Row, screen.Column));
    }

    [Fact]
    public void A_wide_character_that_does_not_fit_leaves_the_last_cell_empty()
    {
        var screen = new ScreenModel(11);
        var editor = new LineEditor(new ScriptedKeys("中文中文中文{Home}"), screen, () => 11, new LineHistory(null));

        Assert.Throws<InvalidOperationException>(() => editor.ReadLine("> "));

        Assert.Equal(["> 中文中文", "中文"], screen.Lines);
        Assert.Equal((0, 2), (screen.Row, screen.Column));
    }

    [Theory]
    [InlineData("abc", 3, 10, 0, 3)]
    [InlineData("中文", 2, 10, 0, 4)]
    [InlineData("中文中文中", 5, 10, 1, 0)]
    [InlineData("abcdefghi中", 10, 10, 1, 2)]
    [InlineData("a😀", 3, 10, 0, 3)]
    public void Layout_counts_cells(string text, int index, int width, int row, int column) =>
        Assert.Equal((row, column), LineLayout.PositionOf(text, index, width));
}
