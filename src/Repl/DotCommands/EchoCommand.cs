using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.echo on|off</c>: print each line of input before running it, so a script's output shows what produced it.</summary>
internal sealed class EchoCommand : DotCommand
{
    public override string Name => "echo";

    public override string Usage => ".echo on|off";

    public override string Summary => "Print each line of input before running it";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 1, 1);
        context.Echo = OnOrOff(line.Arguments[0]);
    }
}
