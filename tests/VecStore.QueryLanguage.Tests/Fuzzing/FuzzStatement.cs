namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>One generated statement: its text, the parameters it binds, what it does to the schema when it succeeds, and (for some SELECTs) how to check its answer.</summary>
internal sealed class FuzzStatement(string sql)
{
    public string Sql { get; } = sql;

    public List<(string Name, object? Value)> Parameters { get; } = [];

    /// <summary>Applied to the generator's schema when the statement succeeds.</summary>
    public Action<FuzzSchema>? OnSuccess { get; init; }

    /// <summary>For an exact similarity SELECT: the query the brute-force oracle answers.</summary>
    public SearchOracle? Oracle { get; init; }

    public override string ToString() =>
        Parameters.Count == 0 ? Sql : Sql + "  -- with " + string.Join(", ", Parameters.Select(p => $"{p.Name}={Describe(p.Value)}"));

    private static string Describe(object? value) => value switch
    {
        null => "null",
        float[] v => $"float[{v.Length}]",
        double[] v => $"double[{v.Length}]",
        string s => $"'{(s.Length > 30 ? s[..30] + "..." : s)}'",
        _ => value.GetType().Name + ":" + value,
    };
}

/// <summary>
/// A similarity search the test can answer by brute force: rows of <see cref="Table"/> that pass
/// <see cref="Filter"/>, ranked by the column's metric to <see cref="Query"/>, then OFFSET and LIMIT.
/// </summary>
internal sealed record SearchOracle(FuzzTable Table, FuzzColumn Column, float[] Query, Func<Dictionary<string, object?>, bool> Filter, int Limit, int Offset);
