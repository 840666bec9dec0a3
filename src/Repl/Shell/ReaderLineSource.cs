namespace VecStore.Repl.Shell;

/// <summary>Lines from a script, a pipe or a string, without prompts.</summary>
internal sealed class ReaderLineSource(TextReader reader) : ILineSource
{
    /// <inheritdoc />
    public string? ReadLine(bool continuation) => reader.ReadLine();
}
