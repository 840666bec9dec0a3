using VecStore.Repl.Shell;

namespace VecStore.Repl.DotCommands;

/// <summary><c>.read FILE</c>: run the statements and dot-commands in a file, as if they were typed.</summary>
/// <remarks>
/// A relative path is taken from the current directory, as sqlite3 does. Error positions are lines
/// and columns of that file. Scripts may read scripts, to a fixed depth.
/// </remarks>
internal sealed class ReadCommand : DotCommand
{
    private const int MaxDepth = 16; // deep enough for real use, shallow enough to stop a script that reads itself

    public override string Name => "read";

    public override string Usage => ".read FILE";

    public override string Summary => "Run the statements in FILE";

    public override void Run(ShellContext context, DotCommandLine line)
    {
        ExpectArguments(line, 1, 1);
        string path = line.Arguments[0];
        if (context.ReadDepth >= MaxDepth)
            throw new ShellException($"cannot read '{path}': scripts are nested more than {MaxDepth} deep");

        StreamReader script;
        try
        {
            script = new StreamReader(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ShellException($"cannot read '{path}': {Describe(exception)}");
        }

        using (script)
        {
            context.ReadDepth++;
            try
            {
                new InputRunner(context).Run(new ReaderLineSource(script), interactive: false);
            }
            finally
            {
                context.ReadDepth--;
            }
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => exception.Message,
    };
}
