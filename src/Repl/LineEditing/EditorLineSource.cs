using VecStore.Repl.Shell;

namespace VecStore.Repl.LineEditing;

/// <summary>Lines typed at the shell's prompts through the <see cref="LineEditor"/>.</summary>
/// <remarks>
/// While a line is edited, Ctrl+C arrives as a key (and abandons the line) instead of ending the
/// process; between lines it keeps its usual meaning.
/// </remarks>
internal sealed class EditorLineSource(LineEditor editor) : ILineSource
{
    /// <summary>True when the console can host the editor: both ends are a terminal that understands ANSI cursor movement.</summary>
    public static bool IsSupported =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected
        && (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } and not "dumb");

    /// <summary>A source over the console, with history kept in <see cref="LineHistory.DefaultPath"/>.</summary>
    public static EditorLineSource ForConsole() =>
        new(new LineEditor(new ConsoleKeyReader(), Console.Out, ConsoleWidth, new LineHistory(LineHistory.DefaultPath)));

    /// <inheritdoc />
    public string? ReadLine(bool continuation)
    {
        bool previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return editor.ReadLine(Prompts.For(continuation));
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
