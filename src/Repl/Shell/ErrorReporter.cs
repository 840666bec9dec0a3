namespace VecStore.Repl.Shell;

/// <summary>Prints errors to standard error, each on lines of its own beginning <c>Error: </c>, and counts them.</summary>
/// <remarks>
/// An engine error's message already names its code and position and shows the line with a caret
/// under the culprit; every further error the engine found in the same text is printed the same
/// way. An exception that is neither the engine's nor the shell's is a bug, and says so.
/// </remarks>
internal sealed class ErrorReporter(ShellContext context)
{
    /// <summary>How many errors have been reported.</summary>
    public int Count { get; private set; }

    /// <summary>Prints <paramref name="exception"/> as the kind of error it is.</summary>
    public void Report(Exception exception)
    {
        Count++;
        var error = context.Streams.Error;
        switch (exception)
        {
            case VecStoreException engine:
                error.WriteLine("Error: " + engine.Message);
                foreach (var other in engine.Others)
                    error.WriteLine("Error: " + other.Message);
                break;
            case ShellException shell:
                error.WriteLine("Error: " + shell.Message);
                break;
            default:
                error.WriteLine("Internal error: this is a bug in VecStore; please report it with the input that caused it.");
                error.WriteLine(exception.ToString());
                break;
        }
    }
}
