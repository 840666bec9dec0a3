using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.schema [TABLE]</c>: the CREATE TABLE and CREATE INDEX statements of every table, or of one.</summary>
internal sealed class SchemaCommand : DotCommand
{
    public override string Name => "schema";

    public override string Usage => ".schema [TABLE]";

    public override string Summary => "Show the CREATE TABLE and CREATE INDEX statements";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 1);
        string? wanted = line.Arguments.Count == 1 ? line.Arguments[0] : null;
        bool found = false;
        foreach (var (name, definition) in context.Connection.GetTables())
        {
            if (wanted is not null && !string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
                continue;
            context.Output.WriteLine(definition);
            foreach (var index in context.Connection.GetIndexes(name))
                context.Output.WriteLine(index.Definition);
            found = true;
        }
        if (wanted is not null && !found)
            throw new ShellException($"there is no table named '{wanted}'; .tables lists them");
    }
}
