using System.Data.Common;

namespace VecStore.Repl.Output;

/// <summary>One result set read to the end and formatted for display: headers, cells and which columns are numbers.</summary>
/// <remarks>A table needs every row before it can size its columns, so table mode reads the whole result first.</remarks>
internal sealed class ResultTable
{
    private ResultTable(string[] headers, bool[] rightAligned, List<string[]> rows, string nullText)
    {
        Headers = headers;
        RightAligned = rightAligned;
        Rows = rows;
        NullText = nullText;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Per column: true when every value in it is a number, so it aligns to the right.</summary>
    public IReadOnlyList<bool> RightAligned { get; }

    /// <summary>The rows, each cell already formatted with <see cref="ValueFormatter.ForDisplay"/>.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The text of every NULL cell, this very string instance, so a renderer can tell NULL from text that reads the same.</summary>
    public string NullText { get; }

    /// <summary>A table of cells already formatted, such as the benchmark's results.</summary>
    public static ResultTable FromCells(string[] headers, bool[] rightAligned, List<string[]> rows)
    {
        if (rightAligned.Length != headers.Length)
            throw new ArgumentException("one alignment per header is needed", nameof(rightAligned));
        return new ResultTable(headers, rightAligned, rows, ValueFormatter.Null);
    }

    /// <summary>Reads the rest of the reader's current result set; NULL cells read <paramref name="nullText"/> (<c>NULL</c> unless given).</summary>
    public static ResultTable Read(DbDataReader reader, string? nullText = null)
    {
        // A new instance, so that a text value equal to it is still another string.
        nullText = new string((nullText ?? ValueFormatter.Null).AsSpan());
        int count = reader.FieldCount;
        var headers = new string[count];
        var rightAligned = new bool[count];
        var seenValue = new bool[count];
        for (int i = 0; i < count; i++)
        {
            headers[i] = reader.GetName(i);
            rightAligned[i] = true;
        }

        var rows = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[count];
            for (int i = 0; i < count; i++)
            {
                var value = reader.GetValue(i);
                if (value is DBNull)
                {
                    cells[i] = nullText;
                    continue;
                }
                cells[i] = ValueFormatter.ForDisplay(value);
                seenValue[i] = true;
                rightAligned[i] &= ValueFormatter.IsNumber(value);
            }
            rows.Add(cells);
        }

        // A column with no values at all takes its alignment from its declared type.
        for (int i = 0; i < count; i++)
            if (!seenValue[i])
                rightAligned[i] = reader.GetDataTypeName(i) is "INTEGER" or "REAL";
        return new ResultTable(headers, rightAligned, rows, nullText);
    }
}
