using System.CommandLine;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Cli;

/// <summary><c>vecstore [FILE] [SQL]</c>: the shell on a database, the statements given, or a script from standard input.</summary>
/// <remarks>
/// Which one depends on the arguments and on standard input, as with sqlite3: SQL on the command
/// line runs and the command ends (stopping at the first error); otherwise a terminal gets the
/// interactive shell, and a pipe or file is read as a script, which goes on after an error unless
/// <c>--bail</c> is given. The exit code is 1 when any error was printed.
/// </remarks>
internal sealed class ShellRootCommand : RootCommand
{
    private readonly StandardStreams _streams;

    private readonly Argument<string?> _database = new("FILE")
    {
        Description = "The database file, created when missing (default: a temporary in-memory database)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Argument<string?> _sql = new("SQL")
    {
        Description = "Statements (and dot-commands, one per line) to run instead of starting the shell",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _bail = new("--bail") { Description = "Stop at the first error when running a script" };

    private readonly Option<bool> _echo = new("--echo") { Description = "Print each line of input before running it" };

    private readonly Option<bool> _readOnly = new("--readonly") { Description = "Open the database read-only" };

    /// <summary>The command, writing to <paramref name="streams"/>.</summary>
    public ShellRootCommand(StandardStreams streams)
        : base("VecStore: an embedded vector database. Opens FILE in an interactive shell, runs the SQL given, or runs a script piped to standard input.")
    {
        _streams = streams;
        _database.Validators.Add(RejectOptionLikeName);
        foreach (var option in Options.OfType<VersionOption>())
            option.Action = new VersionAction(streams);
        Add(_database);
        Add(_sql);
        Add(_bail);
        Add(_echo);
        Add(_readOnly);
        Add(new DemoCommand(streams));
        Add(new BenchCommand(streams));
        Add(new CheckCommand(streams));
        SetAction(Run);
    }

    // An unknown option would otherwise be taken for the file name, and a database created under it.
    private static void RejectOptionLikeName(System.CommandLine.Parsing.ArgumentResult result)
    {
        foreach (var token in result.Tokens)
            if (token.Value.StartsWith('-'))
                result.AddError($"Unrecognized option '{token.Value}'.");
    }

    private int Run(ParseResult parse)
    {
        string? path = parse.GetValue(_database);
        string? sql = parse.GetValue(_sql);
        VecStoreConnection connection;
        try
        {
            connection = DatabaseOpener.Open(path, parse.GetValue(_readOnly));
        }
        catch (VecStoreException exception)
        {
            _streams.Error.WriteLine("Error: " + exception.Message);
            return 1;
        }

        using (connection)
        {
            bool interactive = sql is null && _streams.InputIsTerminal;
            var context = new ShellContext(connection, _streams)
            {
                // SQL on the command line is one command: it stops at its first error, as sqlite3's does.
                Bail = !interactive && (parse.GetValue(_bail) || sql is not null),
                Echo = parse.GetValue(_echo),
            };
            if (interactive)
            {
                InteractiveShell.Run(context, path);
                return 0;
            }
            var input = sql is not null ? new StringReader(sql) : _streams.Input;
            new InputRunner(context).Run(new ReaderLineSource(input), interactive: false);
            return context.Errors.Count > 0 ? 1 : 0;
        }
    }
}
