using System.Globalization;
using System.Text;

namespace VecStore.Repl.Import;

/// <summary>Reads a CSV file whose first row names the columns; each later row is one table row.</summary>
/// <remarks>
/// RFC 4180: cells are separated by commas, a cell in double quotes may hold commas, quotes (doubled)
/// and line breaks. An unquoted cell that starts with '[' runs to its closing ']', so a vector may be
/// written unquoted, <c>1,[0.1, 0.2]</c>, as people write them by hand. Blank lines are skipped. An empty unquoted cell is NULL; other cells are converted
/// to their column's type by <see cref="TextValues"/>. Errors name the line where the row starts.
/// Every header name must be a column of the table; with a column list, only the listed ones are imported.
/// </remarks>
internal sealed class CsvReader : IImportReader
{
    private readonly StreamReader _reader;
    private readonly List<long> _rowLines = [];
    private readonly ImportColumn[] _targets;
    private readonly int[] _cellOfTarget;
    private readonly int _headerCells;
    private long _line = 1;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="ImportException">The header is missing, names a column twice, or names one the table does not have.</exception>
    public CsvReader(string path, TargetTable table, IReadOnlyList<string>? names)
    {
        _reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        try
        {
            if (ReadRecord(out _) is not { } header)
                throw new ImportException("the file is empty; the first line must name the columns");
            var headerColumns = new List<ImportColumn>();
            foreach (var (name, _) in header)
            {
                var column = table.Require(name.Trim(), "line 1: ");
                if (headerColumns.Contains(column))
                    throw new ImportException($"line 1: column '{column.Name}' is named twice");
                headerColumns.Add(column);
            }
            _headerCells = header.Count;
            var targets = names is { Count: > 0 } ? names.Select(n => table.Require(n, "")).ToList() : headerColumns;
            _targets = [.. targets];
            _cellOfTarget = new int[_targets.Length];
            for (int i = 0; i < _targets.Length; i++)
            {
                _cellOfTarget[i] = headerColumns.IndexOf(_targets[i]);
                if (_cellOfTarget[i] < 0)
                    throw new ImportException($"column '{_targets[i].Name}' is not in the file's header line");
            }
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => [.. _targets.Select(c => c.Name)];

    /// <inheritdoc />
    public long? ExpectedRows => null;

    /// <inheritdoc />
    public IEnumerable<object?[]> Rows()
    {
        while (true)
        {
            if (ReadRecord(out long line) is not { } cells)
                yield break;
            _rowLines.Add(line);
            if (cells.Count != _headerCells)
                throw new ImportException(string.Create(CultureInfo.InvariantCulture,
                    $"line {line} has {cells.Count} cell{(cells.Count == 1 ? "" : "s")} but the header names {_headerCells} columns"));
            var row = new object?[_targets.Length];
            for (int i = 0; i < _targets.Length; i++)
            {
                var (text, quoted) = cells[_cellOfTarget[i]];
                if (text.Length == 0 && (!quoted || _targets[i].DataType != "TEXT"))
                    continue;
                try
                {
                    row[i] = TextValues.Parse(text, _targets[i]);
                }
                catch (FormatException exception)
                {
                    throw new ImportException(string.Create(CultureInfo.InvariantCulture, $"line {line}, column '{_targets[i].Name}': {exception.Message}"));
                }
            }
            yield return row;
        }
    }

    /// <inheritdoc />
    public string Locate(long row) => row >= 1 && row <= _rowLines.Count
        ? string.Create(CultureInfo.InvariantCulture, $"line {_rowLines[(int)row - 1]}")
        : string.Create(CultureInfo.InvariantCulture, $"row {row}");

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    // One record: its cells and whether each was quoted; null at the end of the file. Blank lines are skipped.
    private List<(string Text, bool Quoted)>? ReadRecord(out long startLine)
    {
        while (_reader.Peek() is '\n' or '\r')
            ReadLineBreak();
        startLine = _line;
        if (_reader.Peek() < 0)
            return null;

        var cells = new List<(string, bool)>();
        var cell = new StringBuilder();
        bool quoted = false, bracketed = false;
        while (true)
        {
            int c = _reader.Read();
            if (bracketed && c is not ('\n' or '\r' or -1))
            {
                cell.Append((char)c);
                bracketed = c != ']';
                continue;
            }
            if (c == '[' && cell.Length == 0 && !quoted)
            {
                cell.Append('[');
                bracketed = true;
                continue;
            }
            if (c == '"' && cell.Length == 0 && !quoted)
            {
                quoted = true;
                ReadQuoted(cell, startLine);
                continue;
            }
            if (c == ',')
            {
                cells.Add((cell.ToString(), quoted));
                cell.Clear();
                quoted = false;
                continue;
            }
            if (c is '\n' or '\r' or -1)
            {
                cells.Add((cell.ToString(), quoted));
                if (c == '\r' && _reader.Peek() == '\n')
                    _reader.Read();
                if (c != -1)
                    _line++;
                return cells;
            }
            if (quoted)
                throw new ImportException(string.Create(CultureInfo.InvariantCulture, $"line {_line}: text follows a closing quote; a quote inside a quoted cell is written \"\""));
            cell.Append((char)c);
        }
    }

    private void ReadQuoted(StringBuilder cell, long startLine)
    {
        while (true)
        {
            int c = _reader.Read();
            if (c == -1)
                throw new ImportException(string.Create(CultureInfo.InvariantCulture, $"line {startLine}: a quoted cell is not closed before the end of the file; the file may be cut off"));
            if (c == '"')
            {
                if (_reader.Peek() != '"')
                    return;
                _reader.Read();
            }
            else if (c == '\n')
            {
                _line++;
            }
            cell.Append((char)c);
        }
    }

    private void ReadLineBreak()
    {
        if (_reader.Read() == '\r' && _reader.Peek() == '\n')
            _reader.Read();
        _line++;
    }
}
