using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.help</c>: lists the dot-commands and reminds how SQL is entered.</summary>
internal sealed class HelpCommand : DotCommand
{
    public override string Name => "help";

    public override string Usage => ".help";

    public override string Summary => "Show this list";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 0);
        var output = context.Output;
        int width = 0;
        foreach (var command in DotCommandDispatcher.Commands)
            width = Math.Max(width, command.Usage.Length);
        foreach (var command in DotCommandDispatcher.Commands)
            output.WriteLine(command.Usage.PadRight(width + 2) + command.Summary);
        output.WriteLine();
        output.WriteLine("Anything else is SQL: end each statement with ';' (it may span lines). For example:");
        output.WriteLine("  SELECT id, distance(embedding, [0.1, 0.2, 0.3]) AS dist FROM docs ORDER BY dist LIMIT 5;");
    }
}
