using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.indexes [TABLE]</c>: every index (or one table's) with its method, columns and parameters, and what the engine decided for it (tuned breadth, training).</summary>
internal sealed class IndexesCommand : DotCommand
{
    public override string Name => "indexes";

    public override string Usage => ".indexes [TABLE]";

    public override string Summary => "List the indexes, with their method and parameters";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 1);
        string? table = line.Arguments.Count == 1 ? line.Arguments[0] : null;
        if (table is not null && !context.Connection.GetTables().Any(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase)))
            throw new ShellException($"there is no table named '{table}'; .tables lists them");
        var indexes = context.Connection.GetIndexes(table);
        if (indexes.Count == 0)
        {
            context.Output.WriteLine("(no indexes)");
            return;
        }
        foreach (var index in indexes)
        {
            string options = index.Options.Length > 0 ? $" ({index.Options})" : "";
            string state = index.State.Length > 0 ? $": {index.State}" : "";
            context.Output.WriteLine($"{index.Name} ON {index.Table} ({index.Columns}) {index.Method}{options}{state}");
        }
    }
}
