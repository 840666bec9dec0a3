using VecStore.Repl.Output;

namespace VecStore.Repl.Shell;

/// <summary>The state a shell session carries from one input to the next: the connection, the settings, the error count.</summary>
internal sealed class ShellContext
{
    /// <summary>A session on an open connection.</summary>
    public ShellContext(VecStoreConnection connection, StandardStreams streams)
    {
        Connection = connection;
        Streams = streams;
        Printer = new ResultPrinter(this);
        Errors = new ErrorReporter(this);
    }

    /// <summary>The open database.</summary>
    public VecStoreConnection Connection { get; }

    /// <summary>Where input comes from and results and errors go.</summary>
    public StandardStreams Streams { get; }

    /// <summary>Prints results in the current <see cref="Mode"/>.</summary>
    public ResultPrinter Printer { get; }

    /// <summary>Prints errors and counts them.</summary>
    public ErrorReporter Errors { get; }

    /// <summary>How results are printed (<c>.mode</c>).</summary>
    public OutputMode Mode { get; set; } = OutputMode.Table;

    /// <summary>Whether each statement's run time is printed (<c>.timer</c>).</summary>
    public bool Timer { get; set; }

    /// <summary>Whether each line of input is printed before it runs (<c>.echo</c>, <c>--echo</c>).</summary>
    public bool Echo { get; set; }

    /// <summary>Whether the first error stops the input (<c>--bail</c>).</summary>
    public bool Bail { get; init; }

    /// <summary>Set by <c>.quit</c>: no more input is read.</summary>
    public bool QuitRequested { get; set; }

    /// <summary>Values bound to every statement by parameter name (without its <c>@</c>), such as the demo's query vector.</summary>
    public Dictionary<string, object> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many <c>.read</c> scripts are running inside one another.</summary>
    public int ReadDepth { get; set; }

    /// <summary>True when input should stop: <c>.quit</c>, or an error under <c>--bail</c>.</summary>
    public bool ShouldStop => QuitRequested || (Bail && Errors.Count > 0);
}
