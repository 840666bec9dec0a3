using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.nullvalue TEXT</c>: how NULL reads in tables and CSV; without an argument, each mode's own again.</summary>
/// <remarks>JSON keeps writing <c>null</c>, which no text can be mistaken for.</remarks>
internal sealed class NullValueCommand : DotCommand
{
    public override string Name => "nullvalue";

    public override string Usage => ".nullvalue [TEXT]";

    public override string Summary => "Print NULL as TEXT in tables and CSV (no TEXT: NULL in tables, empty in CSV)";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 1);
        context.NullValue = line.Arguments.Count == 1 ? line.Arguments[0] : null;
    }
}
