using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.headers on|off</c>: whether tables and CSV begin with the column names, as in sqlite3.</summary>
internal sealed class HeadersCommand : DotCommand
{
    public override string Name => "headers";

    public override IReadOnlyList<string> Aliases => ["header"];

    public override string Usage => ".headers on|off";

    public override string Summary => "Show or hide the column names in tables and CSV";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 1, 1);
        context.Headers = OnOrOff(line.Arguments[0]);
    }
}
