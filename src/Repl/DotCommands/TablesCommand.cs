using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.tables</c>: the names of the tables, one per line.</summary>
internal sealed class TablesCommand : DotCommand
{
    public override string Name => "tables";

    public override string Usage => ".tables";

    public override string Summary => "List the tables";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 0);
        var tables = context.Connection.GetTables();
        if (tables.Count == 0)
            context.Output.WriteLine("(no tables)");
        foreach (var (name, _) in tables)
            context.Output.WriteLine(name);
    }
}
