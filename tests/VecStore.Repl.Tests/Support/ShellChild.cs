using System.Diagnostics;
using System.Text;

namespace VecStore.Repl.Tests.Support;

/// <summary>The built <c>vecstore</c> as a child process that a test feeds as it goes and whose output it watches as it comes: for signals sent mid-statement.</summary>
/// <remarks>
/// Without a terminal the child reads a pipe, as a script would (standard error merged by
/// <c>/bin/sh</c>, as in <see cref="VecstoreProcess"/>). With one it runs under util-linux
/// <c>script</c>, which gives it a pseudo-terminal: the interactive shell with its line editor,
/// where a Ctrl+C typed into the terminal reaches the child as SIGINT through the terminal's line
/// discipline, exactly as a person's key press does.
/// </remarks>
internal sealed class ShellChild : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private ShellChild(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    /// <summary>True where the interactive shell can be given a terminal: util-linux <c>script</c> is installed.</summary>
    public static bool TerminalAvailable => File.Exists("/usr/bin/script");

    /// <summary>Starts the interactive shell in a terminal; null, saying why, where none can be had (the test then has nothing to check).</summary>
    public static ShellChild? StartInTerminal(string workingDirectory, params string[] arguments)
    {
        if (TerminalAvailable)
            return Start(workingDirectory, terminal: true, arguments);
        Console.WriteLine("skipped: util-linux 'script' is not installed, so the shell cannot be given a terminal");
        return null;
    }

    /// <summary>Starts <c>vecstore</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, in a terminal or reading a pipe.</summary>
    public static ShellChild Start(string workingDirectory, bool terminal, params string[] arguments)
    {
        var start = new ProcessStartInfo(terminal ? "/usr/bin/script" : "/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string command = "exec dotnet " + string.Join(' ', new[] { VecstoreProcess.AssemblyPath }.Concat(arguments).Select(Quote));
        if (terminal)
        {
            // A terminal of a known size, so the progress bars and the prompt have room.
            foreach (var argument in (string[])["-qfec", "stty cols 120 rows 40; " + command, "/dev/null"])
                start.ArgumentList.Add(argument);
            start.Environment["TERM"] = "xterm";
        }
        else
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command + " 2>&1");
        }
        return new ShellChild(Process.Start(start) ?? throw new InvalidOperationException("could not start the shell"));
    }

    /// <summary>Everything the child wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Types or pipes <paramref name="text"/> to the child.</summary>
    public void Write(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the output holds <paramref name="text"/> at or after <paramref name="from"/>; returns where it ends.</summary>
    public int WaitFor(string text, int from = 0)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            string output = Output;
            int at = output.IndexOf(text, Math.Min(from, output.Length), StringComparison.Ordinal);
            if (at >= 0)
                return at + text.Length;
            if (_process.HasExited && _reading.IsCompleted)
                break;
            Thread.Sleep(20);
        }
        throw new TimeoutException($"the shell never wrote '{text}'; it wrote:\n{Output}");
    }

    /// <summary>Waits until one of the child's threads carries <paramref name="name"/> (Linux names threads in <c>/proc</c>): proof that work has started.</summary>
    public void WaitForThread(string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience && !_process.HasExited)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == name)
                        return;
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException($"the shell never started a thread named '{name}'; it wrote:\n{Output}");
    }

    /// <summary>Sends SIGINT to the child, as Ctrl+C in its terminal would.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("/bin/kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Ends the input and waits for the child to exit; its exit code and all it wrote.</summary>
    public (int ExitCode, string Output) Finish()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(Patience))
            throw new TimeoutException($"the shell did not exit; it wrote:\n{Output}");
        _reading.Wait(Patience);
        return (_process.ExitCode, Output);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output)
                _output.Append(buffer, 0, read);
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
