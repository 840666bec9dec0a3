using VecStore.Repl.Cli;
using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.open [--readonly] [FILE]</c>: close the database and open FILE (created when missing), or a new in-memory one.</summary>
/// <remarks>
/// When FILE cannot be opened the session stays on the database it had, so a typo loses nothing.
/// Closing ends any transaction left open, as closing the shell does; parameters and settings stay.
/// </remarks>
internal sealed class OpenCommand : DotCommand
{
    public override string Name => "open";

    public override string Usage => ".open [--readonly] [FILE]";

    public override string Summary => "Close this database and open FILE (no FILE: a new in-memory one)";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        var arguments = line.Arguments.ToList();
        bool readOnly = arguments.Remove("--readonly");
        if (arguments.Count > 1 || arguments.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
            throw new ShellException($"usage: {Usage}");
        string? path = arguments.Count == 1 && arguments[0] != ":memory:" ? arguments[0] : null;
        if (path is null && readOnly)
            throw new ShellException("a new in-memory database cannot be read-only; name a file");
        VecStoreConnection connection;
        try
        {
            connection = DatabaseOpener.Open(path, readOnly);
        }
        catch (VecStoreException exception)
        {
            throw new ShellException($"cannot open '{path}': {exception.Message}; still on {context.DatabasePath ?? "the in-memory database"}");
        }
        context.SwitchDatabase(connection, path);
    }
}
