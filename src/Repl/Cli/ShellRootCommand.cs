using System.CommandLine;
using System.CommandLine.Help;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Cli;

/// <summary><c>vecstore [FILE] [SQL...]</c>: the shell on a database, the statements given, or a script from standard input.</summary>
/// <remarks>
/// Which one depends on the arguments and on standard input, as with sqlite3: SQL on the command
/// line runs and the command ends (each argument in turn, stopping at the first error); otherwise a
/// terminal gets the interactive shell, and a pipe or file is read as a script, which goes on after
/// an error unless <c>--bail</c> is given. The exit code is 1 when any error was printed.
/// </remarks>
internal sealed class ShellRootCommand : RootCommand
{
    private readonly StandardStreams _streams;

    private readonly Argument<string?> _database = new("FILE")
    {
        Description = "The database file, created when missing (default: a temporary in-memory database; also :memory:)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Argument<string[]> _sql = new("SQL")
    {
        Description = "Statements and dot-commands to run instead of starting the shell; several arguments run in turn",
        Arity = ArgumentArity.ZeroOrMore,
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
        _sql.Validators.Add(RejectOptionLikeName);
        foreach (var option in Options.OfType<VersionOption>())
            option.Action = new VersionAction(streams);
        foreach (var option in Options.OfType<HelpOption>())
            if (option.Action is HelpAction help)
                option.Action = new SubcommandHelpAction(help, [_database, _sql]);
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
        string[] sql = parse.GetValue(_sql) ?? [];
        if (path is not null && path != ":memory:" && !File.Exists(path) && SqlLikeArgument.LooksLikeSql(path))
        {
            _streams.Error.WriteLine($"Error: '{path}' is not a database file (there is no such file) but reads as SQL; nothing was created.");
            _streams.Error.WriteLine("Name the database first:            vecstore shop.vdb \"SELECT 1;\"");
            _streams.Error.WriteLine("or use a temporary one in memory:   vecstore :memory: \"SELECT 1;\"");
            _streams.Error.WriteLine("(a file that really has this name: ./NAME)");
            return 1;
        }

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

        bool interactive = sql.Length == 0 && _streams.InputIsTerminal;
        using var context = new ShellContext(connection, _streams, path == ":memory:" ? null : path)
        {
            // SQL on the command line is one command: it stops at its first error, as sqlite3's does.
            Bail = !interactive && (parse.GetValue(_bail) || sql.Length > 0),
            Echo = parse.GetValue(_echo),
        };
        if (interactive)
        {
            InteractiveShell.Run(context, path);
            return 0;
        }
        if (sql.Length == 0)
        {
            new InputRunner(context).Run(new ReaderLineSource(_streams.Input), interactive: false);
        }
        else
        {
            // Each argument is a script of its own, as in sqlite3: a statement may end without its ';'.
            foreach (var argument in sql)
            {
                new InputRunner(context).Run(new ReaderLineSource(new StringReader(argument)), interactive: false);
                if (context.ShouldStop)
                    break;
            }
        }
        return context.Errors.Count > 0 ? 1 : 0;
    }
}
