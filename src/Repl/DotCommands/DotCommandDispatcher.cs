using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary>Finds the dot-command a line names and runs it, printing any error.</summary>
internal static class DotCommandDispatcher
{
    /// <summary>Every dot-command, in the order <c>.help</c> lists them.</summary>
    public static IReadOnlyList<DotCommand> Commands { get; } =
    [
        new DumpCommand(),
        new EchoCommand(),
        new HeadersCommand(),
        new HelpCommand(),
        new ImportCommand(),
        new IndexesCommand(),
        new ModeCommand(),
        new NullValueCommand(),
        new OnceCommand(),
        new OpenCommand(),
        new OutputCommand(),
        new ParamCommand(),
        new QuitCommand(),
        new ReadCommand(),
        new SchemaCommand(),
        new ShowCommand(),
        new TablesCommand(),
        new TimerCommand(),
    ];

    /// <summary>Runs the dot-command on <paramref name="line"/>; returns false when it failed (the error has been printed).</summary>
    public static bool Run(ShellContext context, string line)
    {
        try
        {
            var parsed = DotCommandLine.Parse(line);
            var command = Find(parsed.Name)
                ?? throw new ShellException($"unknown command '.{parsed.Name}'; .help lists the commands");
            command.Run(context, parsed);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            context.Errors.Report(exception);
            return false;
        }
    }

    /// <summary>The command called <paramref name="name"/> (or one of its aliases), or null.</summary>
    public static DotCommand? Find(string name)
    {
        foreach (var command in Commands)
            if (command.Name == name || command.Aliases.Contains(name))
                return command;
        return null;
    }
}
