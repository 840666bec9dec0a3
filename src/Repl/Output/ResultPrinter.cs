using System.Globalization;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Output;

/// <summary>Prints what a statement returned, in the session's output mode.</summary>
/// <remarks>
/// In table mode a result set is followed by its row count, a plan from EXPLAIN is printed as its
/// lines, and a statement without rows prints <c>OK</c> with the rows it changed. CSV and JSON print
/// rows only, so their output can be fed to another program. <c>.headers</c> and <c>.nullvalue</c>
/// apply to tables and CSV; JSON always names every value and writes NULL as <c>null</c>.
/// </remarks>
internal sealed class ResultPrinter(ShellContext context)
{
    /// <summary>Prints every result set of <paramref name="reader"/>, which ran <paramref name="statement"/>.</summary>
    public void Print(VecStoreDataReader reader, SqlStatement statement)
    {
        bool anyRows = false;
        do
        {
            if (reader.FieldCount == 0)
                continue;
            anyRows = true;
            PrintResultSet(reader, statement.Verb == "EXPLAIN");
        }
        while (reader.NextResult());

        if (!anyRows && context.Mode == OutputMode.Table)
            context.Output.WriteLine(Affected(reader.RecordsAffected));
    }

    private void PrintResultSet(VecStoreDataReader reader, bool isPlan)
    {
        var output = context.Output;
        switch (context.Mode)
        {
            case OutputMode.Csv:
                CsvResultWriter.Write(reader, output, context.Headers, context.NullValue ?? "");
                return;
            case OutputMode.Json:
                JsonResultWriter.Write(reader, output);
                return;
        }

        if (isPlan && reader.FieldCount == 1)
        {
            while (reader.Read())
                output.WriteLine(reader.GetString(0));
            output.WriteLine();
            return;
        }

        var table = ResultTable.Read(reader, context.NullValue);
        if (context.OutputIsTerminal)
            TerminalTableRenderer.Write(table, context.Streams.Terminal, context.Headers);
        else
            PlainTableRenderer.Write(table, output, context.Headers);
        output.WriteLine(RowCount(table.Rows.Count));
        output.WriteLine();
    }

    /// <summary><c>(1 row)</c>, <c>(3 rows)</c>.</summary>
    public static string RowCount(int rows) => rows == 1 ? "(1 row)" : string.Create(CultureInfo.InvariantCulture, $"({rows} rows)");

    private static string Affected(int rows) => rows switch
    {
        < 0 => "OK",
        1 => "OK (1 row affected)",
        _ => string.Create(CultureInfo.InvariantCulture, $"OK ({rows} rows affected)"),
    };
}
