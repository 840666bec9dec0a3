namespace VecStore.Repl.LineEditing;

/// <summary>Key presses from the console.</summary>
internal sealed class ConsoleKeyReader : IKeyReader
{
    /// <inheritdoc />
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);
}
