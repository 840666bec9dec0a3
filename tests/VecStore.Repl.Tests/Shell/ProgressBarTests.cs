using System.Text.RegularExpressions;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Shell;

/// <summary>In a terminal, CREATE INDEX shows each stage as a bar whose share moves and an estimate of the time left.</summary>
public sealed partial class ProgressBarTests
{
    [Fact]
    public void A_CREATE_INDEX_in_a_terminal_shows_its_share_and_the_time_left_moving()
    {
        using var folder = new TempDirectory();
        CtrlCCancelsTheStatementTests.Prepare(folder.File("c.vdb"));
        using var shell = ShellChild.StartInTerminal(folder.Path, "c.vdb");
        if (shell is null)
            return;
        int at = shell.WaitFor("vecstore> ");
        shell.Write("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 16, ef_construction = 300);\r");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Match moving = Match.Empty;
        while (!moving.Success && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(50);
            moving = MovingBar().Match(Escapes().Replace(shell.Output[at..], ""));
        }
        shell.Write("\u0003");
        shell.WaitFor("VECSQL0230", at);
        shell.Write(".quit\r");
        shell.Finish();

        Assert.True(moving.Success, "no frame showed a share between 0 and 100% with the time left:\n" + Escapes().Replace(shell.Output, ""));
    }

    // "Linking vectors into the graph ━━━━━━━━━━  20% 00:00:01 00:00:04": the share, the time spent, the time left.
    [GeneratedRegex(@"Linking vectors into the graph\s+\S+\s+([1-9][0-9]?)%\s+\d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d")]
    private static partial Regex MovingBar();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")]
    private static partial Regex Escapes();
}
