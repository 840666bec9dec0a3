using System.Globalization;
using VecStore.Repl.Output;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.param set|unset|list|clear</c>: values for <c>@name</c> parameters, bound to every statement that follows.</summary>
/// <remarks>
/// This is how the shell passes a query vector without typing it out:
/// <c>.param set q (SELECT embedding FROM products WHERE id = 11)</c>, then <c>... distance(embedding, @q) ...</c>.
/// Names are written with or without their <c>@</c> or <c>$</c>.
/// </remarks>
internal sealed class ParamCommand : DotCommand
{
    public override string Name => "param";

    public override IReadOnlyList<string> Aliases => ["parameter"];

    public override string Usage => ".param set NAME VALUE";

    public override string Summary => "Bind @NAME for the statements that follow (also: unset NAME, list, clear)";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        var arguments = line.Arguments;
        string action = arguments.Count > 0 ? arguments[0].ToLowerInvariant() : "list";
        switch (action)
        {
            case "set" when arguments.Count >= 3:
                context.Parameters[NameOf(arguments[1])] = ParameterLiteral.Evaluate(context, line.TextFrom(2)) ?? DBNull.Value;
                break;
            case "unset" when arguments.Count == 2:
                if (!context.Parameters.Remove(NameOf(arguments[1])))
                    throw new ShellException($"there is no parameter @{NameOf(arguments[1])}; .param list shows them");
                break;
            case "list" when arguments.Count <= 1:
                foreach (var (name, value) in context.Parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"@{name} = {Display(value)}"));
                break;
            case "clear" when arguments.Count == 1:
                context.Parameters.Clear();
                break;
            default:
                throw new ShellException("usage: .param set NAME VALUE, .param unset NAME, .param list, .param clear");
        }
    }

    private static string Display(object value) => value is string text
        ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'"
        : ValueFormatter.ForDisplay(value);

    private static string NameOf(string name) => name.TrimStart('@', '$', ':');
}
