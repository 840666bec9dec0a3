using VecStore.Repl.Shell;

namespace VecStore.Repl.LineEditing;

/// <summary>Lines typed at the shell's prompts through the <see cref="LineEditor"/>.</summary>
/// <remarks>
/// While a line is edited, Ctrl+C arrives as a key (the editor clears the line, or leaves on a second
/// press at an empty prompt) instead of ending the process; between lines, while a statement runs,
/// it keeps its usual meaning, which the statement runner may take over.
/// </remarks>
internal sealed class EditorLineSource(LineEditor editor) : ILineSource
{
    /// <summary>True when the console can host the editor: both ends are a terminal that understands ANSI cursor movement.</summary>
    public static bool IsSupported =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected
        && (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } and not "dumb");

    /// <summary>A source over the console, with history kept in <see cref="LineHistory.DefaultPath"/> and Tab completing from <paramref name="completion"/>.</summary>
    public static EditorLineSource ForConsole(ICompletionSource? completion) =>
        new(new LineEditor(new ConsoleKeyReader(), Console.Out, ConsoleWidth, new LineHistory(LineHistory.DefaultPath), completion));

    /// <inheritdoc />
    public string? ReadLine(bool continuation)
    {
        bool previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return editor.ReadLine(Prompts.For(continuation), statementUnderWay: continuation);
        }
        finally
        {
            Console.TreatControlCAsInput = previous;
        }
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
