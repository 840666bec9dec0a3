using System.Globalization;
using System.Text;

namespace VecStore.Repl.LineEditing;

/// <summary>Reads one line from a terminal with editing and history, the keys of readline and sqlite3.</summary>
/// <remarks>
/// <para>
/// Keys: arrows, Home/End, Ctrl+A/E/B/F to move; Ctrl+Left/Right or Alt+B/F by word; Backspace,
/// Delete, Ctrl+K (to end), Ctrl+U (to start), Ctrl+W (word before); Up/Down or Ctrl+P/N for
/// history; Ctrl+L clears the screen; Enter submits; Ctrl+C abandons the line; Ctrl+D on an empty
/// line ends the input.
/// </para>
/// <para>
/// After each key the whole line is redrawn with ANSI cursor movements, so a line longer than the
/// terminal is wide wraps and still edits correctly. Characters are taken to be one column wide.
/// </para>
/// </remarks>
internal sealed class LineEditor
{
    private readonly IKeyReader _keys;
    private readonly TextWriter _terminal;
    private readonly Func<int> _width;
    private readonly LineHistory _history;
    private readonly StringBuilder _line = new();
    private string _prompt = "";
    private int _cursor;
    private int _cursorRow; // the row of the cursor, counted from the prompt's row, after the last redraw

    /// <summary>An editor reading <paramref name="keys"/> and drawing on <paramref name="terminal"/>, <paramref name="width"/> columns wide.</summary>
    public LineEditor(IKeyReader keys, TextWriter terminal, Func<int> width, LineHistory history)
    {
        _keys = keys;
        _terminal = terminal;
        _width = width;
        _history = history;
    }

    /// <summary>Shows <paramref name="prompt"/> and returns the line typed, or null when Ctrl+D ends the input.</summary>
    /// <exception cref="OperationCanceledException">Ctrl+C abandoned the line.</exception>
    public string? ReadLine(string prompt)
    {
        _prompt = prompt;
        _line.Clear();
        _cursor = 0;
        _cursorRow = 0;
        int historyIndex = _history.Count;
        string draft = "";
        Redraw();

        while (true)
        {
            var key = _keys.ReadKey();
            bool control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            bool alt = (key.Modifiers & ConsoleModifiers.Alt) != 0;
            switch (key.Key, key.KeyChar)
            {
                case (ConsoleKey.Enter, _) or (_, '\r' or '\n'):
                    string line = _line.ToString();
                    Finish();
                    _history.Add(line);
                    return line;
                case (_, '\x03'):
                    _cursor = _line.Length;
                    Redraw();
                    _terminal.Write("^C\r\n");
                    _terminal.Flush();
                    throw new OperationCanceledException("the line was abandoned with Ctrl+C");
                case (_, '\x04') when _line.Length == 0:
                    Finish();
                    return null;
                case (ConsoleKey.Delete, _) or (_, '\x04'):
                    if (_cursor < _line.Length)
                        _line.Remove(_cursor, 1);
                    break;
                case (ConsoleKey.Backspace, _) or (_, '\b' or '\x7f'):
                    if (_cursor > 0)
                        _line.Remove(--_cursor, 1);
                    break;
                case (ConsoleKey.LeftArrow, _) when control:
                case (ConsoleKey.B, _) when alt:
                    _cursor = WordStartBefore(_cursor);
                    break;
                case (ConsoleKey.RightArrow, _) when control:
                case (ConsoleKey.F, _) when alt:
                    _cursor = WordEndAfter(_cursor);
                    break;
                case (ConsoleKey.LeftArrow, _) or (_, '\x02'):
                    _cursor = Math.Max(0, _cursor - 1);
                    break;
                case (ConsoleKey.RightArrow, _) or (_, '\x06'):
                    _cursor = Math.Min(_line.Length, _cursor + 1);
                    break;
                case (ConsoleKey.Home, _) or (_, '\x01'):
                    _cursor = 0;
                    break;
                case (ConsoleKey.End, _) or (_, '\x05'):
                    _cursor = _line.Length;
                    break;
                case (_, '\x0b'):
                    _line.Remove(_cursor, _line.Length - _cursor);
                    break;
                case (_, '\x15'):
                    _line.Remove(0, _cursor);
                    _cursor = 0;
                    break;
                case (_, '\x17'):
                {
                    int start = WordStartBefore(_cursor);
                    _line.Remove(start, _cursor - start);
                    _cursor = start;
                    break;
                }
                case (ConsoleKey.UpArrow, _) or (_, '\x10'):
                    if (historyIndex > 0)
                    {
                        if (historyIndex == _history.Count)
                            draft = _line.ToString();
                        Replace(_history[--historyIndex]);
                    }
                    break;
                case (ConsoleKey.DownArrow, _) or (_, '\x0e'):
                    if (historyIndex < _history.Count)
                    {
                        historyIndex++;
                        Replace(historyIndex == _history.Count ? draft : _history[historyIndex]);
                    }
                    break;
                case (_, '\x0c'):
                    _terminal.Write("\x1b[H\x1b[2J");
                    _cursorRow = 0;
                    break;
                case (_, '\t'):
                    // One space for a tab keeps the column numbers of error messages right.
                    _line.Insert(_cursor++, ' ');
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                        _line.Insert(_cursor++, key.KeyChar);
                    break;
            }
            Redraw();
        }
    }

    private void Replace(string text)
    {
        _line.Clear().Append(text);
        _cursor = _line.Length;
    }

    private int WordStartBefore(int position)
    {
        while (position > 0 && !char.IsLetterOrDigit(_line[position - 1]))
            position--;
        while (position > 0 && char.IsLetterOrDigit(_line[position - 1]))
            position--;
        return position;
    }

    private int WordEndAfter(int position)
    {
        while (position < _line.Length && !char.IsLetterOrDigit(_line[position]))
            position++;
        while (position < _line.Length && char.IsLetterOrDigit(_line[position]))
            position++;
        return position;
    }

    // Puts the cursor after the line and starts a new one.
    private void Finish()
    {
        _cursor = _line.Length;
        Redraw();
        int end = _prompt.Length + _line.Length;
        if (end == 0 || end % Width != 0)
            _terminal.Write("\r\n");
        _terminal.Flush();
    }

    private int Width => Math.Max(1, _width());

    // Redraws prompt and line from the prompt's first row, clears what the old text left below,
    // and puts the cursor back where it belongs, rows and columns counted from the text's length.
    private void Redraw()
    {
        int width = Width;
        var screen = new StringBuilder();
        if (_cursorRow > 0)
            screen.Append(CultureInfo.InvariantCulture, $"\x1b[{_cursorRow}A");
        screen.Append('\r').Append(_prompt).Append(_line).Append("\x1b[J");

        int end = _prompt.Length + _line.Length;
        // A line that exactly fills its last row leaves the terminal waiting to wrap; move to the
        // next row so the row arithmetic below holds.
        if (end > 0 && end % width == 0)
            screen.Append("\r\n");
        int endRow = end / width;
        int position = _prompt.Length + _cursor;
        int row = position / width;
        int column = position % width;
        if (endRow > row)
            screen.Append(CultureInfo.InvariantCulture, $"\x1b[{endRow - row}A");
        screen.Append('\r');
        if (column > 0)
            screen.Append(CultureInfo.InvariantCulture, $"\x1b[{column}C");
        _cursorRow = row;

        _terminal.Write(screen.ToString());
        _terminal.Flush();
    }
}
