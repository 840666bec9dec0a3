using System.Text;

namespace VecStore.Repl.Shell;

/// <summary>Lines from a script, a pipe or a string, without prompts.</summary>
/// <remarks>
/// Only <c>\n</c> ends a line, so a carriage return inside a string literal (text written with
/// Windows line ends, read back from <c>.dump</c>) keeps its place in the value; before a line
/// break outside a string it is just whitespace.
/// </remarks>
internal sealed class ReaderLineSource(TextReader reader) : ILineSource
{
    private readonly StringBuilder _line = new();

    /// <inheritdoc />
    public string? ReadLine(bool continuation)
    {
        _line.Clear();
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
                return _line.Length > 0 ? _line.ToString() : null;
            if (c == '\n')
                return _line.ToString();
            _line.Append((char)c);
        }
    }
}
