using System.Diagnostics;

namespace VecStore.Repl.Tests.Support;

/// <summary>The built <c>vecstore</c> in a real pseudo-terminal: tmux runs it, keys are typed with send-keys, the screen is read with capture-pane.</summary>
/// <remarks>Each session has its own tmux server (its own socket name), so tests never meet another tmux the machine runs.</remarks>
internal sealed class TmuxSession : IDisposable
{
    /// <summary>Where Debian's tmux package puts it.</summary>
    public const string TmuxPath = "/usr/bin/tmux";

    private readonly string _socket = "vecstore-test-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts <c>vecstore ARGS</c> on a terminal <paramref name="width"/> by <paramref name="height"/> cells, in <paramref name="workingDirectory"/>.</summary>
    public TmuxSession(string workingDirectory, int width, int height, string historyFile, params string[] arguments)
    {
        string command = $"cd '{workingDirectory}' && TERM=xterm-256color VECSTORE_HISTORY='{historyFile}' exec dotnet '{VecstoreProcess.AssemblyPath}' {string.Join(' ', arguments.Select(a => $"'{a}'"))}";
        Tmux("new-session", "-d", "-s", "t", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), command);
    }

    /// <summary>Types text, sent literally.</summary>
    /// <remarks>tmux reads an argument ending in ';' as the end of its command unless the ';' is escaped.</remarks>
    public void Type(string text) => Tmux("send-keys", "-t", "t", "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);

    /// <summary>Presses named keys.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", "t", .. keys]);

    /// <summary>The screen's rows, trailing blanks removed.</summary>
    public IReadOnlyList<string> Screen => [.. Tmux("capture-pane", "-p", "-t", "t").Split('\n').Select(l => l.TrimEnd())];

    /// <summary>The cursor, as (row, column) from the top left.</summary>
    public (int Row, int Column) Cursor
    {
        get
        {
            var parts = Tmux("display-message", "-p", "-t", "t", "#{cursor_y} #{cursor_x}").Trim().Split(' ');
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True while the program still runs.</summary>
    public bool IsRunning => Run(["has-session", "-t", "t"]).ExitCode == 0;

    /// <summary>Waits until <paramref name="done"/> holds for the screen, for at most 30 seconds; returns the screen then.</summary>
    public IReadOnlyList<string> WaitFor(Func<IReadOnlyList<string>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (!IsRunning)
                return [];
            var screen = Screen;
            if (done(screen))
                return screen;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("the screen never showed what was awaited:\n" + string.Join('\n', screen));
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits for the program to end, for at most 30 seconds.</summary>
    public bool WaitForExit()
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning && clock.Elapsed < TimeSpan.FromSeconds(30))
            Thread.Sleep(50);
        return !IsRunning;
    }

    public void Dispose() => Run(["kill-server"]);

    private string Tmux(params string[] arguments)
    {
        var (exitCode, output) = Run(arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {output}");
        return output;
    }

    private (int ExitCode, string Output) Run(string[] arguments)
    {
        var start = new ProcessStartInfo(TmuxPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
