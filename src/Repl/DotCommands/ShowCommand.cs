using System.Globalization;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.show</c>: the session's settings, one a line, as sqlite3 lists them.</summary>
internal sealed class ShowCommand : DotCommand
{
    public override string Name => "show";

    public override string Usage => ".show";

    public override string Summary => "Show the current settings";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 0, 0);
        (string Name, string Value)[] settings =
        [
            ("database", context.DatabasePath ?? ":memory: (temporary)"),
            ("readonly", OnOff(new VecStoreConnectionStringBuilder(context.Connection.ConnectionString).Mode == OpenMode.ReadOnly)),
            ("mode", context.Mode.ToString().ToLowerInvariant()),
            ("headers", OnOff(context.Headers)),
            ("nullvalue", context.NullValue is { } text ? Quoted(text) : "NULL in tables, empty in CSV"),
            ("output", context.OutputDescription),
            ("echo", OnOff(context.Echo)),
            ("timer", OnOff(context.Timer)),
            ("bail", OnOff(context.Bail)),
            ("parameters", context.Parameters.Count.ToString(CultureInfo.InvariantCulture)),
        ];
        int width = settings.Max(s => s.Name.Length);
        foreach (var (name, value) in settings)
            context.Output.WriteLine($"{name.PadLeft(width)}: {value}");
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Quoted(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
