using VecStore.Repl.Output;

namespace VecStore.Repl.Shell;

/// <summary>The state a shell session carries from one input to the next: the connection, the settings, the error count.</summary>
/// <remarks>The session owns its connection (<c>.open</c> replaces it) and any output file; disposing it closes both.</remarks>
internal sealed class ShellContext : IDisposable
{
    private OutputRedirection? _redirection;

    /// <summary>A session on an open connection.</summary>
    /// <param name="connection">The open database.</param>
    /// <param name="streams">Where input comes from and results and errors go.</param>
    /// <param name="databasePath">The database file as the user named it; null for an in-memory database.</param>
    public ShellContext(VecStoreConnection connection, StandardStreams streams, string? databasePath = null)
    {
        Connection = connection;
        DatabasePath = databasePath;
        Streams = streams;
        Printer = new ResultPrinter(this);
        Errors = new ErrorReporter(this);
    }

    /// <summary>The open database.</summary>
    public VecStoreConnection Connection { get; private set; }

    /// <summary>The open database's file as the user named it, or null for an in-memory database.</summary>
    public string? DatabasePath { get; private set; }

    /// <summary>Where input comes from and where errors go; results go to <see cref="Output"/>.</summary>
    public StandardStreams Streams { get; }

    /// <summary>Where results and the output of dot-commands go: standard output, or the file of <c>.output</c> or <c>.once</c>.</summary>
    public TextWriter Output => _redirection?.Writer ?? Streams.Output;

    /// <summary>True when <see cref="Output"/> is a terminal, so tables may be drawn with boxes.</summary>
    public bool OutputIsTerminal => _redirection is null && Streams.OutputIsTerminal;

    /// <summary>What <c>.show</c> says about <see cref="Output"/>.</summary>
    public string OutputDescription => _redirection is null ? "stdout" : $"{_redirection.Path}{(_redirection.Once ? " (for the next command)" : "")}";

    /// <summary>Prints results in the current <see cref="Mode"/>.</summary>
    public ResultPrinter Printer { get; }

    /// <summary>Prints errors and counts them.</summary>
    public ErrorReporter Errors { get; }

    /// <summary>How results are printed (<c>.mode</c>).</summary>
    public OutputMode Mode { get; set; } = OutputMode.Table;

    /// <summary>Whether tables and CSV begin with the column names (<c>.headers</c>).</summary>
    public bool Headers { get; set; } = true;

    /// <summary>How NULL reads in tables and CSV (<c>.nullvalue</c>); null for each mode's own: <c>NULL</c> in tables, an empty field in CSV.</summary>
    public string? NullValue { get; set; }

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

    /// <summary>Closes the database and goes on with <paramref name="connection"/> (<c>.open</c>).</summary>
    public void SwitchDatabase(VecStoreConnection connection, string? databasePath)
    {
        var previous = Connection;
        Connection = connection;
        DatabasePath = databasePath;
        previous.Dispose();
    }

    /// <summary>Sends results to <paramref name="path"/> from now on (<c>.output</c>), or for the next command only (<c>.once</c>).</summary>
    /// <exception cref="ShellException">The file cannot be written, or is one of the open database's files.</exception>
    public void RedirectOutput(string path, bool once)
    {
        // The previous file is closed first, so naming it again starts it afresh rather than racing two writers.
        RestoreOutput();
        _redirection = OutputRedirection.Open(path, once, DatabasePath);
    }

    /// <summary>Closes any output file; results go to standard output again.</summary>
    public void RestoreOutput()
    {
        _redirection?.Dispose();
        _redirection = null;
    }

    /// <summary>Called after every dot-command and statement: ends a <c>.once</c> redirection that has served its command.</summary>
    public void CommandFinished()
    {
        if (_redirection?.CommandFinished() == true)
            RestoreOutput();
    }

    /// <summary>Closes the output file and the database.</summary>
    public void Dispose()
    {
        RestoreOutput();
        Connection.Dispose();
    }
}
