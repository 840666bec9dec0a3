using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Shell;

/// <summary>The shell a person types into: a greeting, prompts, line editing and history, until <c>.quit</c> or Ctrl+D.</summary>
internal static class InteractiveShell
{
    /// <summary>Greets, then reads and runs input until it ends.</summary>
    /// <param name="context">The session.</param>
    /// <param name="databaseName">The database as the user named it, or null for an in-memory one.</param>
    public static void Run(ShellContext context, string? databaseName)
    {
        var output = context.Streams.Output;
        output.WriteLine($"vecstore {Program.Version}");
        output.WriteLine(databaseName is null
            ? "Connected to a temporary in-memory database; give a file name to keep your data: vecstore shop.vdb"
            : $"Connected to {databaseName}");
        output.WriteLine("Enter SQL statements ending in ';', or .help for the dot-commands; Tab completes names. .quit or Ctrl+D leaves.");

        ILineSource lines = EditorLineSource.IsSupported
            ? EditorLineSource.ForConsole(new SqlCompletion(context))
            : new PromptingLineSource(context.Streams.Input, output);
        new InputRunner(context).Run(lines, interactive: true);
    }
}
