using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.output [FILE]</c>: send results to FILE from now on; without FILE (or with <c>-</c>), back to standard output.</summary>
/// <remarks>
/// As in sqlite3, the file is created or emptied, and everything a command prints goes there
/// (results, <c>.schema</c>, <c>.dump</c>) while errors stay on standard error. The open
/// database's own files are refused.
/// </remarks>
internal sealed class OutputCommand : DotCommand
{
    public override string Name => "output";

    public override string Usage => ".output [FILE]";

    public override string Summary => "Send results to FILE (no FILE: back to the screen)";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 1);
        if (line.Arguments.Count == 0 || line.Arguments[0] == "-")
            context.RestoreOutput();
        else
            context.RedirectOutput(line.Arguments[0], once: false);
    }
}
