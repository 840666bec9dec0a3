using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.quit</c> (or <c>.exit</c>): stop reading input and close the database.</summary>
/// <remarks>psql's <c>\q</c> and a bare <c>exit</c> or <c>quit</c> do the same; <see cref="QuitWords"/> reads those.</remarks>
internal sealed class QuitCommand : DotCommand
{
    public override string Name => "quit";

    public override IReadOnlyList<string> Aliases => ["exit"];

    public override string Usage => ".quit, .exit, \\q";

    public override string Summary => "Leave the shell";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 0);
        context.QuitRequested = true;
    }
}
