using System.Text;

namespace VecStore.Repl.Shell;

/// <summary>Gathers lines of input into SQL statements, each ended by a <c>;</c> outside strings, quoted names and comments.</summary>
/// <remarks>
/// Follows the lexical rules of <c>grammar/vecsql.ebnf</c> as far as statement ends are concerned:
/// <c>'...'</c> strings (and <c>x'...'</c> blobs) and <c>"..."</c> names with doubled quotes as
/// escapes, <c>--</c> comments to the end of the line and <c>/* */</c> comments, not nested. Text
/// that is only whitespace and comments is not a statement. Lines are numbered from 1 in the order
/// they are added, so statements know where they start in the input.
/// </remarks>
internal sealed class StatementSplitter
{
    private readonly StringBuilder _pending = new();
    private State _state = State.Code;
    private int _lineNumber;
    private int _startLine;
    private int _startColumn;

    private enum State
    {
        Code,
        String,
        QuotedName,
        BlockComment,
    }

    /// <summary>True when no statement has begun: nothing but whitespace and complete comments since the last <c>;</c>.</summary>
    /// <remarks>A dot-command is recognised only at such a point, and the shell shows its first prompt.</remarks>
    public bool IsEmpty => _pending.Length == 0 && _state == State.Code;

    /// <summary>Adds one line (without its line break) and returns the statements it completes, in order.</summary>
    public IReadOnlyList<SqlStatement> AddLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _lineNumber++;
        List<SqlStatement>? completed = null;
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            char next = i + 1 < line.Length ? line[i + 1] : '\0';
            switch (_state)
            {
                case State.String or State.QuotedName:
                {
                    char quote = _state == State.String ? '\'' : '"';
                    Append(c);
                    if (c == quote)
                    {
                        if (next == quote)
                        {
                            Append(next);
                            i++;
                        }
                        else
                        {
                            _state = State.Code;
                        }
                    }
                    break;
                }
                case State.BlockComment:
                    Append(c);
                    if (c == '*' && next == '/')
                    {
                        Append(next);
                        i++;
                        _state = State.Code;
                    }
                    break;
                default:
                    if (c == '-' && next == '-')
                    {
                        // The rest of the line is a comment: it belongs to a statement only once one has begun.
                        if (_pending.Length > 0)
                            _pending.Append(line, i, line.Length - i);
                        i = line.Length;
                        continue;
                    }
                    if (c == '/' && next == '*')
                    {
                        Append(c);
                        Append(next);
                        i++;
                        _state = State.BlockComment;
                    }
                    else if (c == ';')
                    {
                        if (_pending.Length > 0)
                            (completed ??= []).Add(Take());
                    }
                    else if (!char.IsWhiteSpace(c))
                    {
                        Begin(i);
                        _pending.Append(c);
                        if (c == '\'')
                            _state = State.String;
                        else if (c == '"')
                            _state = State.QuotedName;
                    }
                    else if (_pending.Length > 0)
                    {
                        _pending.Append(c);
                    }
                    break;
            }
            i++;
        }

        if (_pending.Length > 0)
            _pending.Append('\n');
        return completed ?? (IReadOnlyList<SqlStatement>)[];
    }

    /// <summary>At the end of the input: the statement that was begun but not ended by <c>;</c>, if any.</summary>
    public SqlStatement? Finish()
    {
        var last = _pending.Length > 0 ? Take() : null;
        Reset();
        return last;
    }

    /// <summary>Drops the statement being gathered (the shell does this on Ctrl+C).</summary>
    public void Reset()
    {
        _pending.Clear();
        _state = State.Code;
    }

    /// <summary>Counts a line that is not SQL (a dot-command), so later statements keep their line numbers.</summary>
    public void SkipLine() => _lineNumber++;

    /// <summary>Numbers the next line added as line 1, as the shell does for each statement typed.</summary>
    public void RestartLineNumbers() => _lineNumber = 0;

    // A comment before a statement is not part of it; a comment inside one is kept.
    private void Append(char c)
    {
        if (_pending.Length > 0)
            _pending.Append(c);
    }

    private void Begin(int index)
    {
        if (_pending.Length > 0)
            return;
        _startLine = _lineNumber;
        _startColumn = index + 1;
    }

    private SqlStatement Take()
    {
        var statement = new SqlStatement(_pending.ToString().TrimEnd(), _startLine, _startColumn);
        _pending.Clear();
        return statement;
    }
}
