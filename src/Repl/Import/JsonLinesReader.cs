using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VecStore.Repl.Import;

/// <summary>Reads JSON lines: one object per line, keyed by column name, vectors as arrays of numbers.</summary>
/// <remarks>
/// Without a column list, the columns are the keys of the first object; a later object may leave one
/// out (it is NULL) but not bring a new one. With a list, keys outside it are skipped, as long as they
/// are columns of the table. Blank lines are skipped; errors name the line.
/// </remarks>
internal sealed class JsonLinesReader : IImportReader
{
    private readonly StreamReader _reader;
    private readonly TargetTable _table;
    private readonly List<long> _rowLines = [];
    private readonly bool _listed;
    private List<ImportColumn>? _targets;
    private string? _firstLine;
    private long _firstLineNumber;
    private long _line;

    /// <summary>Opens <paramref name="path"/>; without <paramref name="names"/>, reads the first object for its keys.</summary>
    /// <exception cref="ImportException">The first line is not a JSON object of the table's columns.</exception>
    public JsonLinesReader(string path, TargetTable table, IReadOnlyList<string>? names)
    {
        _reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        _table = table;
        try
        {
            if (names is { Count: > 0 })
            {
                _listed = true;
                _targets = [.. names.Select(n => table.Require(n, ""))];
            }
            else
            {
                _firstLine = NextLine();
                _firstLineNumber = _line;
                if (_firstLine is null)
                    throw new ImportException("the file holds no JSON objects");
                using var first = Parse(_firstLine, _line);
                _targets = [];
                foreach (var property in first.RootElement.EnumerateObject())
                {
                    var column = table.Require(property.Name, Where(_line));
                    if (_targets.Contains(column))
                        throw new ImportException($"{Where(_line)}key '{property.Name}' is given twice");
                    _targets.Add(column);
                }
            }
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => [.. _targets!.Select(c => c.Name)];

    /// <inheritdoc />
    public long? ExpectedRows => null;

    /// <inheritdoc />
    public IEnumerable<object?[]> Rows()
    {
        var targets = _targets!;
        while (true)
        {
            string? text;
            long line;
            if (_firstLine is not null)
            {
                (text, line, _firstLine) = (_firstLine, _firstLineNumber, null);
            }
            else
            {
                text = NextLine();
                line = _line;
            }
            if (text is null)
                yield break;
            _rowLines.Add(line);
            using var document = Parse(text, line);
            var row = new object?[targets.Count];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var column = _table.Require(property.Name, Where(line));
                int slot = targets.IndexOf(column);
                if (slot < 0)
                {
                    if (_listed)
                        continue;
                    throw new ImportException($"{Where(line)}key '{property.Name}' is not among the first line's keys; name every column to import: .import FILE INTO {_table.Name} (col, ...)");
                }
                row[slot] = Value(property.Value, column, line);
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

    private string? NextLine()
    {
        while (_reader.ReadLine() is { } text)
        {
            _line++;
            if (!string.IsNullOrWhiteSpace(text))
                return text;
        }
        return null;
    }

    private static JsonDocument Parse(string text, long line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new ImportException($"{Where(line)}not valid JSON ({exception.Message.Split(" LineNumber:")[0].TrimEnd()}); the line may be cut off", exception);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ImportException($"{Where(line)}expected a JSON object {{\"column\": value, ...}}");
        }
        return document;
    }

    // JSON values as .NET values; the bulk insert converts them to the column's type and reports a mismatch.
    private static object? Value(JsonElement value, ImportColumn column, long line)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return value.TryGetInt64(out var integer) ? integer : value.GetDouble();
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (!column.IsVector)
                    return text;
                try
                {
                    return TextValues.ParseVector(text);
                }
                catch (FormatException exception)
                {
                    throw new ImportException($"{Where(line)}column '{column.Name}': {exception.Message}");
                }
            case JsonValueKind.Array:
                var vector = new float[value.GetArrayLength()];
                int i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.Number)
                        throw new ImportException(string.Create(CultureInfo.InvariantCulture,
                            $"{Where(line)}column '{column.Name}': vector element {i} ({Clip(element.GetRawText())}) is not a number"));
                    vector[i++] = (float)element.GetDouble();
                }
                return vector;
            default:
                throw new ImportException($"{Where(line)}column '{column.Name}': an object is not a value");
        }
    }

    private static string Where(long line) => string.Create(CultureInfo.InvariantCulture, $"line {line}: ");

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
