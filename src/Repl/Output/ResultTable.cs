using System.Data.Common;

namespace VecStore.Repl.Output;

/// <summary>One result set read to the end and formatted for display: headers, cells and which columns are numbers.</summary>
/// <remarks>A table needs every row before it can size its columns, so table mode reads the whole result first.</remarks>
internal sealed class ResultTable
{
    private ResultTable(string[] headers, bool[] rightAligned, List<string[]> rows)
    {
        Headers = headers;
        RightAligned = rightAligned;
        Rows = rows;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Per column: true when every value in it is a number, so it aligns to the right.</summary>
    public IReadOnlyList<bool> RightAligned { get; }

    /// <summary>The rows, each cell already formatted with <see cref="ValueFormatter.ForDisplay"/>.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>A table of cells already formatted, such as the benchmark's results.</summary>
    public static ResultTable FromCells(string[] headers, bool[] rightAligned, List<string[]> rows)
    {
        if (rightAligned.Length != headers.Length)
            throw new ArgumentException("one alignment per header is needed", nameof(rightAligned));
        return new ResultTable(headers, rightAligned, rows);
    }

    /// <summary>Reads the rest of the reader's current result set.</summary>
    public static ResultTable Read(DbDataReader reader)
    {
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
                cells[i] = ValueFormatter.ForDisplay(value);
                if (value is DBNull)
                    continue;
                seenValue[i] = true;
                rightAligned[i] &= ValueFormatter.IsNumber(value);
            }
            rows.Add(cells);
        }

        // A column with no values at all takes its alignment from its declared type.
        for (int i = 0; i < count; i++)
            if (!seenValue[i])
                rightAligned[i] = reader.GetDataTypeName(i) is "INTEGER" or "REAL";
        return new ResultTable(headers, rightAligned, rows);
    }
}
