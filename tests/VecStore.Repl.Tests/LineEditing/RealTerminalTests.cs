using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>The shell at a real terminal (tmux): wide characters wrap and edit in place, Tab completes, Ctrl+C twice leaves.</summary>
public sealed class RealTerminalTests
{
    [TmuxFact]
    public void Wide_characters_edit_and_wrap_on_a_real_terminal()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "shop.vdb", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT)");
        using var terminal = new TmuxSession(folder.Path, 30, 16, folder.File("history"), "shop.vdb");
        terminal.WaitFor(screen => screen.Any(l => l.StartsWith("vecstore>", StringComparison.Ordinal)));

        // 10 cells of prompt, 9 of text, five two-cell characters: 29 cells, so the sixth cannot
        // take the last cell and starts the next row. x is typed last, in front of the first one.
        terminal.Type("SELECT '中文中文中文中文中文' AS t FROM pro");
        terminal.Press("Tab");
        terminal.Press("Home");
        for (int i = 0; i < 8; i++)
            terminal.Press("Right");
        terminal.Type("x");
        var editing = terminal.WaitFor(screen => screen.Any(l => l.Contains("SELECT 'x", StringComparison.Ordinal)));
        var cursor = terminal.Cursor;
        int promptRow = editing.ToList().FindIndex(l => l.StartsWith("vecstore> SELECT", StringComparison.Ordinal));

        Assert.Equal("vecstore> SELECT 'x中文中文中", editing[promptRow]);
        Assert.Equal("文中文中文' AS t FROM products", editing[promptRow + 1]);
        Assert.Equal((promptRow, 19), cursor);

        terminal.Press("End");
        terminal.Type(";");
        terminal.Press("Enter");
        var result = terminal.WaitFor(screen => screen.Any(l => l.Contains("(0 rows)", StringComparison.Ordinal)));
        Assert.Contains(result, l => l.Contains('t'));

        terminal.Press("C-c");
        terminal.WaitFor(screen => screen.Any(l => l.StartsWith("(to leave", StringComparison.Ordinal)));
        terminal.Press("C-c");
        Assert.True(terminal.WaitForExit(), "a second Ctrl+C at an empty prompt leaves the shell");
    }
}

/// <summary>A test that needs tmux, skipped with a message where it is not installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!File.Exists(TmuxSession.TmuxPath))
            Skip = "tmux is not installed (Debian's package tmux); this test drives the shell at a real terminal through it";
    }
}
