namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Runs fuzzed text through the provider the way an application does: a command, its parameters, a reader read to the end.</summary>
internal static class FuzzExecution
{
    /// <summary>Runs <paramref name="sql"/> and returns every row of every result set; a failure throws what the provider threw.</summary>
    public static List<object?[]> Run(VecStoreConnection connection, string sql, IEnumerable<(string Name, object? Value)>? parameters = null)
    {
        using var command = new VecStoreCommand(sql, connection);
        foreach (var (name, value) in parameters ?? [])
            command.Parameters.AddWithValue(name, value);
        var rows = new List<object?[]>();
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (int i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        }
        while (reader.NextResult());
        return rows;
    }

    /// <summary>Runs the text; returns the VecStoreException it failed with, or null. Any other exception escapes, failing the test.</summary>
    public static VecStoreException? RunExpectingOnlyVecStoreErrors(VecStoreConnection connection, string sql, IEnumerable<(string Name, object? Value)>? parameters = null)
    {
        try
        {
            Run(connection, sql, parameters);
            return null;
        }
        catch (VecStoreException error)
        {
            return error;
        }
    }

    /// <summary>Checks what a VecStoreException says about itself: a code in a known range and a message; for text errors a place inside the text.</summary>
    public static string? Inspect(VecStoreException error, string sql)
    {
        if (!Enum.IsDefined(error.Code))
            return $"undefined code {(int)error.Code}";
        if (string.IsNullOrWhiteSpace(error.Message))
            return $"{error.Code} with an empty message";
        foreach (var e in new[] { error }.Concat(error.Others))
        {
            if (e.Location is { } at && (at.Line < 1 || at.Line > LineCount(sql) || at.Column < 1 || at.Column > at.LineText.Length + 1
                || at.Length < 0 || !sql.Contains(at.LineText, StringComparison.Ordinal)))
                return $"{e.Code} points outside the text: {at} in {sql.Length} characters";
            if ((int)e.Code is >= 1 and < 100 && e.Location is null)
                return $"{e.Code} reading the text carries no line and column";
        }
        return null;
    }

    // Generous: any of the characters that may end a line counts, so a location is only refused when no reading of the text has that line.
    private static int LineCount(string text) => 1 + text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
}
