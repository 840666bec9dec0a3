using System.Globalization;
using System.Text;

namespace VecStore.Repl.LineEditing;

/// <summary>Reads one line from a terminal with editing, history and completion, the keys of readline and sqlite3.</summary>
/// <remarks>
/// <para>
/// Keys: arrows, Home/End, Ctrl+A/E/B/F to move; Ctrl+Left/Right or Alt+B/F by word; Backspace,
/// Delete, Ctrl+K (to end), Ctrl+U (to start), Ctrl+W (word before); Up/Down or Ctrl+P/N for
/// history; Tab completes (<see cref="ICompletionSource"/>); Ctrl+L clears the screen; Enter submits;
/// Ctrl+D on an empty line ends the input.
/// </para>
/// <para>
/// Ctrl+C clears the line being typed (and the caller drops the statement under way). At an empty
/// prompt where a statement may begin it says how to leave, and a second Ctrl+C in a row leaves, as
/// Ctrl+D does. Running statements are not the editor's business: Ctrl+C reaches it only while a
/// line is read.
/// </para>
/// <para>
/// After each key the whole line is redrawn with ANSI cursor movements, so a line longer than the
/// terminal is wide wraps and still edits correctly. The cursor moves a grapheme at a time, and
/// wide characters (Chinese, emoji) count two cells (<see cref="LineLayout"/>).
/// </para>
/// </remarks>
internal sealed class LineEditor
{
    /// <summary>What the first Ctrl+C at an empty prompt prints.</summary>
    public const string LeaveHint = "(to leave, press Ctrl+C again or Ctrl+D, or type .quit)";

    private readonly IKeyReader _keys;
    private readonly TextWriter _terminal;
    private readonly Func<int> _width;
    private readonly LineHistory _history;
    private readonly ICompletionSource? _completion;
    private readonly StringBuilder _line = new();
    private string _prompt = "";
    private int _cursor;        // a char index into _line, always at a grapheme boundary
    private int _cursorRow;     // the row of the cursor, counted from the prompt's row, after the last redraw
    private char _highSurrogate;
    private bool _leaveArmed;   // the previous key was a Ctrl+C at an empty prompt

    /// <summary>An editor reading <paramref name="keys"/> and drawing on <paramref name="terminal"/>, <paramref name="width"/> columns wide.</summary>
    public LineEditor(IKeyReader keys, TextWriter terminal, Func<int> width, LineHistory history, ICompletionSource? completion = null)
    {
        _keys = keys;
        _terminal = terminal;
        _width = width;
        _history = history;
        _completion = completion;
    }

    /// <summary>Shows <paramref name="prompt"/> and returns the line typed, or null when the user leaves (Ctrl+D, or Ctrl+C twice).</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="statementUnderWay">True when earlier lines began a statement: Ctrl+C then drops it instead of offering to leave.</param>
    /// <exception cref="OperationCanceledException">Ctrl+C abandoned the line or the statement under way.</exception>
    public string? ReadLine(string prompt, bool statementUnderWay = false)
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
            if (key.KeyChar != '\x03')
                _leaveArmed = false;
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
                    if (_line.Length > 0 || statementUnderWay)
                    {
                        _terminal.Flush();
                        throw new OperationCanceledException("the line was abandoned with Ctrl+C");
                    }
                    if (_leaveArmed)
                    {
                        _terminal.Flush();
                        _leaveArmed = false;
                        return null;
                    }
                    _leaveArmed = true;
                    _terminal.Write(LeaveHint + "\r\n");
                    _cursorRow = 0;
                    break;
                case (_, '\x04') when _line.Length == 0:
                    Finish();
                    return null;
                case (ConsoleKey.Delete, _) or (_, '\x04'):
                    if (_cursor < _line.Length)
                        _line.Remove(_cursor, LineLayout.GraphemeLength(Text, _cursor));
                    break;
                case (ConsoleKey.Backspace, _) or (_, '\b' or '\x7f'):
                    if (_cursor > 0)
                    {
                        int start = LineLayout.PreviousBoundary(Text, _cursor);
                        _line.Remove(start, _cursor - start);
                        _cursor = start;
                    }
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
                    _cursor = LineLayout.PreviousBoundary(Text, _cursor);
                    break;
                case (ConsoleKey.RightArrow, _) or (_, '\x06'):
                    _cursor = LineLayout.NextBoundary(Text, _cursor);
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
                case (ConsoleKey.Tab, _) or (_, '\t'):
                    Complete(statementUnderWay);
                    break;
                default:
                    Insert(key.KeyChar);
                    break;
            }
            Redraw();
        }
    }

    private string Text => _line.ToString();

    // A character outside the Basic Multilingual Plane (most emoji) arrives as two keys; it goes in whole.
    private void Insert(char c)
    {
        if (char.IsHighSurrogate(c))
        {
            _highSurrogate = c;
            return;
        }
        if (char.IsLowSurrogate(c))
        {
            if (_highSurrogate != '\0')
            {
                _line.Insert(_cursor, [_highSurrogate, c]);
                _cursor += 2;
            }
            _highSurrogate = '\0';
            return;
        }
        _highSurrogate = '\0';
        if (c == '\0' || char.IsControl(c))
            return;
        _line.Insert(_cursor++, c);
        // A combining mark joins the character before it: keep the cursor on a grapheme boundary.
        if (_cursor < _line.Length)
            _cursor = LineLayout.NextBoundary(Text, LineLayout.PreviousBoundary(Text, _cursor));
    }

    // Tab: one candidate is completed (with a space after it); several complete as far as they agree,
    // and when that adds nothing they are listed under the line. No word at all: a space, which keeps
    // the column numbers of error messages right where a tab would count as one.
    private void Complete(bool statementUnderWay)
    {
        string before = _line.ToString(0, _cursor);
        int start = _cursor;
        while (start > 0 && (char.IsLetterOrDigit(before[start - 1]) || before[start - 1] == '_'))
            start--;
        if (start > 0 && before[start - 1] == '.' && before[..(start - 1)].Trim().Length == 0)
            start--;
        string word = before[start..];
        if (word.Length == 0 || _completion is null)
        {
            _line.Insert(_cursor++, ' ');
            return;
        }

        var candidates = _completion.Complete(before, word, statementUnderWay);
        if (candidates.Count == 0)
            return;
        string common = candidates[0];
        foreach (var candidate in candidates)
            common = common[..CommonPrefixLength(common, candidate)];
        string completion = candidates.Count == 1 ? candidates[0] + " " : common;
        if (completion.Length > word.Length)
        {
            _line.Remove(start, word.Length).Insert(start, completion);
            _cursor = start + completion.Length;
            return;
        }
        if (candidates.Count > 1)
            List(candidates);
    }

    private static int CommonPrefixLength(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && char.ToUpperInvariant(a[n]) == char.ToUpperInvariant(b[n]))
            n++;
        return n;
    }

    // Below the line, in columns as wide as the terminal allows; the prompt and line are drawn again after.
    private void List(IReadOnlyList<string> candidates)
    {
        int cursor = _cursor;
        _cursor = _line.Length;
        Redraw();
        _cursor = cursor;
        int cell = candidates.Max(c => LineLayout.Width(c)) + 2;
        int perRow = Math.Max(1, Width / cell);
        var list = new StringBuilder("\r\n");
        for (int i = 0; i < candidates.Count; i++)
        {
            string candidate = candidates[i];
            bool last = (i + 1) % perRow == 0 || i == candidates.Count - 1;
            list.Append(candidate);
            list.Append(last ? "\r\n" : new string(' ', cell - LineLayout.Width(candidate)));
        }
        _terminal.Write(list.ToString());
        _cursorRow = 0;
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
        // A line that exactly fills its last row has already moved to the next one.
        if (LineLayout.PositionOf(_prompt + _line, _prompt.Length + _line.Length, Width).Column != 0 || _prompt.Length + _line.Length == 0)
            _terminal.Write("\r\n");
        _terminal.Flush();
    }

    private int Width => Math.Max(1, _width());

    // Redraws prompt and line from the prompt's first row, clears what the old text left below,
    // and puts the cursor back where it belongs, rows and columns counted in cells.
    private void Redraw()
    {
        int width = Width;
        string text = _prompt + _line;
        var screen = new StringBuilder();
        if (_cursorRow > 0)
            screen.Append(CultureInfo.InvariantCulture, $"\x1b[{_cursorRow}A");
        screen.Append('\r').Append(text).Append("\x1b[J");

        var (endRow, endColumn) = LineLayout.PositionOf(text, text.Length, width);
        // A line that exactly fills its last row leaves the terminal waiting to wrap; move to the
        // next row so the row arithmetic below holds.
        if (endColumn == 0 && endRow > 0)
            screen.Append("\r\n");
        var (row, column) = LineLayout.PositionOf(text, _prompt.Length + _cursor, width);
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
