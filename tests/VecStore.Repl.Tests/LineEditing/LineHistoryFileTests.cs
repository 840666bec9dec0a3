using VecStore.Repl.LineEditing;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>History survives between sessions in its file, skips blanks and repeats, and never stops the shell.</summary>
public sealed class LineHistoryFileTests
{
    [Fact]
    public void Entries_are_read_back_by_the_next_session()
    {
        using var folder = new TempDirectory();
        string path = folder.File("history");
        var first = new LineHistory(path);
        first.Add("SELECT 1;");
        first.Add("   ");
        first.Add(".tables");
        first.Add(".tables");

        var second = new LineHistory(path);

        Assert.Equal(["SELECT 1;", ".tables"], Enumerable.Range(0, second.Count).Select(i => second[i]));
    }

    [Fact]
    public void Loading_keeps_the_newest_entries_and_trims_the_file()
    {
        using var folder = new TempDirectory();
        string path = folder.File("history");
        File.WriteAllLines(path, Enumerable.Range(0, 2 * LineHistory.Capacity + 5).Select(i => $"line {i}"));

        var history = new LineHistory(path);

        Assert.Equal((LineHistory.Capacity, $"line {2 * LineHistory.Capacity + 4}", LineHistory.Capacity),
            (history.Count, history[^1], File.ReadAllLines(path).Length));
    }

    [Fact]
    public void An_unwritable_file_is_ignored()
    {
        using var folder = new TempDirectory();
        var history = new LineHistory(folder.Path); // a folder cannot be appended to

        history.Add("SELECT 1;");

        Assert.Equal(1, history.Count);
    }
}
