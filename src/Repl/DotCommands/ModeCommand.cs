using VecStore.Repl.Output;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.mode table|csv|json</c>: how results are printed; without an argument, the current mode.</summary>
internal sealed class ModeCommand : DotCommand
{
    public override string Name => "mode";

    public override string Usage => ".mode [table|csv|json]";

    public override string Summary => "Print results as an aligned table, CSV or JSON";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        var arguments = line.Arguments;
        ExpectArguments(line, 0, 1);
        if (arguments.Count == 0)
        {
            context.Output.WriteLine(context.Mode.ToString().ToLowerInvariant());
            return;
        }
        context.Mode = arguments[0].ToLowerInvariant() switch
        {
            "table" => OutputMode.Table,
            "csv" => OutputMode.Csv,
            "json" => OutputMode.Json,
            _ => throw new ShellException($"unknown mode '{arguments[0]}'; use table, csv or json"),
        };
    }
}
