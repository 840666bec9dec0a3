using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary>A command to the shell itself, typed on a line of its own starting with '.', such as <c>.tables</c>.</summary>
/// <remarks>Each command is one class in this folder and one entry in <see cref="DotCommandDispatcher.Commands"/>.</remarks>
internal abstract class DotCommand
{
    /// <summary>The name typed after the dot, in lower case.</summary>
    public abstract string Name { get; }

    /// <summary>Other names for the same command.</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>How to call it, as <c>.help</c> shows it: <c>.schema [TABLE]</c>.</summary>
    public abstract string Usage { get; }

    /// <summary>What it does, in one line.</summary>
    public abstract string Summary { get; }

    /// <summary>Runs the command with the arguments on its line.</summary>
    /// <exception cref="ShellException">The arguments are wrong or the command cannot be carried out.</exception>
    public abstract void Run(ShellContext context, DotCommandLine line);

    /// <summary>Fails unless the command got between <paramref name="min"/> and <paramref name="max"/> arguments.</summary>
    protected void ExpectArguments(DotCommandLine line, int min, int max)
    {
        int count = line.Arguments.Count;
        if (count < min || count > max)
            throw new ShellException($"usage: {Usage}");
    }

    /// <summary>Reads an <c>on</c>/<c>off</c> argument.</summary>
    protected bool OnOrOff(string argument) => argument.ToLowerInvariant() switch
    {
        "on" or "yes" or "true" or "1" => true,
        "off" or "no" or "false" or "0" => false,
        _ => throw new ShellException($"expected 'on' or 'off' but found '{argument}'; usage: {Usage}"),
    };
}
