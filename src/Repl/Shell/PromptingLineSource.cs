namespace VecStore.Repl.Shell;

/// <summary>Lines typed at a prompt without line editing: for terminals the line editor cannot drive.</summary>
/// <remarks>The terminal's own line discipline still offers backspace; there is no history.</remarks>
internal sealed class PromptingLineSource(TextReader input, TextWriter output) : ILineSource
{
    /// <inheritdoc />
    public string? ReadLine(bool continuation)
    {
        output.Write(Prompts.For(continuation));
        output.Flush();
        return input.ReadLine();
    }
}
