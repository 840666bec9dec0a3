using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.timer on|off</c>: print how long each statement took, fetching and printing included.</summary>
internal sealed class TimerCommand : DotCommand
{
    public override string Name => "timer";

    public override string Usage => ".timer on|off";

    public override string Summary => "Print how long each statement takes";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 1, 1);
        context.Timer = OnOrOff(line.Arguments[0]);
    }
}
