using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.once FILE</c>: send the output of the next command only to FILE, as in sqlite3.</summary>
internal sealed class OnceCommand : DotCommand
{
    public override string Name => "once";

    public override string Usage => ".once FILE";

    public override string Summary => "Send the output of the next command only to FILE";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 1, 1);
        context.RedirectOutput(line.Arguments[0], once: true);
    }
}
