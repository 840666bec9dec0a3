namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Answers a <see cref="SearchOracle"/> by brute force over the rows read back, and compares with what SQL returned.</summary>
internal static class SearchOracleCheck
{
    /// <summary>The problem with <paramref name="actual"/> (id and printed distance per row), or null when it is the exact answer.</summary>
    /// <remarks>Ties may come in any order, so the distances are compared rank by rank and each returned id is checked to have its distance.</remarks>
    public static string? Compare(SearchOracle oracle, List<Dictionary<string, object?>> rows, List<(long Id, double Distance)> actual)
    {
        var byId = new Dictionary<long, double>();
        var passing = new List<double>();
        int passingWithoutVector = 0;
        foreach (var row in rows)
        {
            if (row[oracle.Column.Name] is not { } stored)
            {
                // No vector, no distance: such rows come after every distance (docs/architecture.md).
                byId[(long)row["id"]!] = double.NaN;
                if (oracle.Filter(row))
                    passingWithoutVector++;
                continue;
            }
            double d = Distance(oracle.Column.Metric, ToFloats(stored), oracle.Query);
            if (!double.IsFinite(d))
                return null; // a zero vector under cosine: no defined order to check
            byId[(long)row["id"]!] = d;
            if (oracle.Filter(row))
                passing.Add(d);
        }
        passing.Sort();
        passing.AddRange(Enumerable.Repeat(double.NaN, passingWithoutVector));
        var expected = passing.Skip(oracle.Offset).Take(oracle.Limit).ToList();
        if (actual.Count != expected.Count)
            return $"{actual.Count} rows returned, brute force finds {expected.Count} ({passing.Count} pass the filter)";
        for (int i = 0; i < expected.Count; i++)
        {
            if (!Close(actual[i].Distance, expected[i]))
                return $"rank {i}: distance {actual[i].Distance}, brute force {expected[i]}";
            if (!byId.TryGetValue(actual[i].Id, out double own) || !Close(own, actual[i].Distance))
                return $"rank {i}: row {actual[i].Id} is reported at {actual[i].Distance} but lies at {(byId.TryGetValue(actual[i].Id, out own) ? own : double.NaN)}";
        }
        return null;
    }

    private static bool Close(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.IsNaN(a) && double.IsNaN(b) : Math.Abs(a - b) <= 1e-4 * (1 + Math.Abs(b));

    private static float[] ToFloats(object stored) => stored switch
    {
        float[] f => f,
        Half[] h => Array.ConvertAll(h, x => (float)x),
        _ => throw new InvalidOperationException("a vector read back as " + stored.GetType().Name),
    };

    private static double Distance(string metric, float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            dot += x * y;
            na += x * x;
            nb += y * y;
            l2 += (x - y) * (x - y);
            l1 += Math.Abs(x - y);
        }
        return metric switch
        {
            "l2" => Math.Sqrt(l2),
            "cosine" => na == 0 || nb == 0 ? double.NaN : 1 - (dot / Math.Sqrt(na * nb)),
            "ip" => -dot,
            _ => l1,
        };
    }
}
