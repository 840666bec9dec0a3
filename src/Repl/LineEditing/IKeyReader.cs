namespace VecStore.Repl.LineEditing;

/// <summary>Where the line editor gets key presses: the console, or a list of keys in tests.</summary>
internal interface IKeyReader
{
    /// <summary>Waits for the next key press, without echoing it.</summary>
    ConsoleKeyInfo ReadKey();
}
