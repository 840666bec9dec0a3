namespace VecStore.Repl.Shell;

/// <summary>While a statement or an import runs, Ctrl+C stops it and the shell goes on, instead of ending the shell.</summary>
/// <remarks>
/// Hooks <see cref="Console.CancelKeyPress"/> (SIGINT on Linux and macOS) around the work only: at
/// the prompt the line editor reads Ctrl+C as a key, and between statements it keeps its usual
/// meaning. The stopped statement fails with VECSQL0230 like any error (so <c>--bail</c> ends a
/// script there). A statement that does not stop, because it waits for a lock or sits in a step
/// that cannot be interrupted, must not trap the user: as in sqlite3, the third Ctrl+C during one
/// statement ends the shell.
/// </remarks>
internal sealed class StatementInterrupt : IDisposable
{
    private const int PressesThatEndTheShell = 3;

    private readonly Action _stop;
    private int _presses;

    private StatementInterrupt(Action stop)
    {
        _stop = stop;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Until disposed, Ctrl+C calls <paramref name="stop"/> (on a signal thread) instead of ending the process.</summary>
    public static StatementInterrupt Around(Action stop) => new(stop);

    /// <summary>A token cancelled by Ctrl+C until the returned interrupt is disposed, for work that takes a token.</summary>
    public static StatementInterrupt Around(CancellationTokenSource source) => new(source.Cancel);

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (e.SpecialKey != ConsoleSpecialKey.ControlC || Interlocked.Increment(ref _presses) >= PressesThatEndTheShell)
            return;
        e.Cancel = true;
        _stop();
    }
}
