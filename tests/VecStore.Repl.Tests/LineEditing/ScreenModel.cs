using System.Globalization;
using System.Text;
using Spectre.Console;

namespace VecStore.Repl.Tests.LineEditing;

/// <summary>A terminal screen as xterm and tmux keep it, for the few controls the line editor writes: text, \r, \n, cursor up and right, erase below.</summary>
/// <remarks>
/// A wide character takes two cells (as Spectre.Console measures them); one that does not fit at
/// the end of a row moves to the next, and a full row waits for the next character before wrapping.
/// Tests read the rows and the cursor after a session of keys, as a person would see them.
/// </remarks>
internal sealed class ScreenModel(int width) : TextWriter
{
    private readonly List<string?[]> _rows = [new string?[width]];
    private readonly StringBuilder _pending = new();
    private bool _wrapPending;

    public override Encoding Encoding => Encoding.UTF8;

    public int Row { get; private set; }

    public int Column { get; private set; }

    /// <summary>The rows as text, trailing blanks removed, a wide character's second cell not repeated.</summary>
    public IReadOnlyList<string> Lines => [.. _rows.Select(r => string.Concat(r.Select(c => c ?? " ")).Replace("\0", "", StringComparison.Ordinal).TrimEnd())];

    public override void Write(char value)
    {
        _pending.Append(value);
        Drain();
    }

    public override void Write(string? value)
    {
        _pending.Append(value);
        Drain();
    }

    private void Drain()
    {
        string text = _pending.ToString();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\x1b')
            {
                int end = i + 2;
                while (end < text.Length && !char.IsAsciiLetter(text[end]))
                    end++;
                if (end >= text.Length)
                    break; // the rest of the sequence is still to come
                Control(text[(i + 2)..end], text[end]);
                i = end + 1;
                continue;
            }
            int length = StringInfo.GetNextTextElementLength(text.AsSpan(i));
            if (char.IsHighSurrogate(text[i]) && i + 1 >= text.Length)
                break;
            Print(text.Substring(i, length));
            i += length;
        }
        _pending.Remove(0, i);
    }

    private void Control(string argument, char command)
    {
        int n = argument.Length == 0 ? 1 : int.Parse(argument, CultureInfo.InvariantCulture);
        _wrapPending = false;
        switch (command)
        {
            case 'A':
                Row = Math.Max(0, Row - n);
                break;
            case 'C':
                Column = Math.Min(width - 1, Column + n);
                break;
            case 'J':
                for (int c = Column; c < width; c++)
                    _rows[Row][c] = null;
                _rows.RemoveRange(Row + 1, _rows.Count - Row - 1);
                break;
        }
    }

    private void Print(string grapheme)
    {
        switch (grapheme)
        {
            case "\r":
                Column = 0;
                _wrapPending = false;
                return;
            case "\n" or "\r\n":
                if (grapheme == "\r\n")
                    Column = 0;
                NextRow();
                _wrapPending = false;
                return;
        }
        int cells = grapheme.GetCellWidth();
        if (_wrapPending || Column + cells > width)
        {
            Column = 0;
            NextRow();
            _wrapPending = false;
        }
        _rows[Row][Column] = grapheme;
        for (int c = 1; c < cells; c++)
            _rows[Row][Column + c] = "\0";
        Column += cells;
        if (Column >= width)
        {
            Column = width - 1;
            _wrapPending = true;
        }
    }

    private void NextRow()
    {
        Row++;
        while (_rows.Count <= Row)
            _rows.Add(new string?[width]);
    }
}
