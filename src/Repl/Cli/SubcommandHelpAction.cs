using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VecStore.Repl.Cli;

/// <summary>Prints help as System.CommandLine does, without the root's own arguments in a subcommand's help.</summary>
/// <remarks>
/// The generated help lists a parent's arguments in every subcommand's usage and argument list,
/// so <c>vecstore check --help</c> read <c>vecstore [&lt;FILE&gt; [&lt;SQL&gt;]] check &lt;FILE&gt;</c> and named
/// FILE twice. The root's FILE and SQL mean nothing to <c>check</c>, <c>demo</c> or <c>bench</c>:
/// they are hidden while a subcommand's help is written.
/// </remarks>
internal sealed class SubcommandHelpAction(HelpAction help, IReadOnlyList<Argument> rootArguments) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        bool subcommand = parseResult.CommandResult.Command is not RootCommand;
        foreach (var argument in rootArguments)
            argument.Hidden = subcommand;
        try
        {
            return help.Invoke(parseResult);
        }
        finally
        {
            foreach (var argument in rootArguments)
                argument.Hidden = false;
        }
    }
}
