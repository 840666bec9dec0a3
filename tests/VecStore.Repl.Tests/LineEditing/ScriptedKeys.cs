using VecStore.Repl.LineEditing;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>Key presses for the line editor, given as text with named keys such as <c>{Left}</c> and <c>^C</c> for Ctrl+C.</summary>
internal sealed class ScriptedKeys : IKeyReader
{
    private readonly Queue<ConsoleKeyInfo> _keys = new();

    public ScriptedKeys(string script)
    {
        int i = 0;
        while (i < script.Length)
        {
            if (script[i] == '{')
            {
                int close = script.IndexOf('}', i);
                string name = script[(i + 1)..close];
                bool control = name.StartsWith("Ctrl+", StringComparison.Ordinal);
                var key = Enum.Parse<ConsoleKey>(control ? name["Ctrl+".Length..] : name);
                char keyChar = key switch
                {
                    ConsoleKey.Enter => '\r',
                    ConsoleKey.Backspace => '\b',
                    _ => '\0',
                };
                _keys.Enqueue(new ConsoleKeyInfo(keyChar, key, shift: false, alt: false, control));
                i = close + 1;
            }
            else if (script[i] == '^')
            {
                char letter = script[i + 1];
                _keys.Enqueue(new ConsoleKeyInfo((char)(letter - '@'), ConsoleKey.A + (letter - 'A'), false, false, control: true));
                i += 2;
            }
            else
            {
                char c = script[i++];
                _keys.Enqueue(new ConsoleKeyInfo(c, char.IsAsciiLetter(c) ? ConsoleKey.A + (char.ToUpperInvariant(c) - 'A') : 0, false, false, false));
            }
        }
    }

    public ConsoleKeyInfo ReadKey() => _keys.Dequeue();
}
