using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Answers a <see cref="SearchOracle"/> by brute force over the rows read back, and compares with what SQL returned.</summary>
internal static class SearchOracleCheck
{
    /// <summary>The problem with <paramref name="actual"/> (id and printed distance per row), or null when it is the exact answer.</summary>
    /// <remarks>Ties may come in any order, so the distances are compared rank by rank and each returned id is checked to have its distance.</remarks>
    public static string? Compare(SearchOracle oracle, List<Dictionary<string, object?>> rows, List<(long Id, double Distance)> actual)
    {
        var byId = new Dictionary<long, (double Distance, double Scale)>();
        var passing = new List<(double Distance, double Scale)>();
        int passingWithoutVector = 0;
        foreach (var row in rows)
        {
            if (row[oracle.Column.Name] is not { } stored)
            {
                // No vector, no distance: such rows come after every distance (docs/architecture.md).
                byId[(long)row["id"]!] = (double.NaN, 0);
                if (oracle.Filter(row))
                    passingWithoutVector++;
                continue;
            }
            // In double, so that values at float32's edges (ExtremeFloats) are ranked truly.
            var exact = PreciseDistances.Of(oracle.Column.Metric, ToFloats(stored), oracle.Query);
            if (!double.IsFinite(exact.Distance))
                return null; // a zero vector under cosine: no defined order to check
            byId[(long)row["id"]!] = exact;
            if (oracle.Filter(row))
                passing.Add(exact);
        }
        passing.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        passing.AddRange(Enumerable.Repeat((double.NaN, 0.0), passingWithoutVector));
        var expected = passing.Skip(oracle.Offset).Take(oracle.Limit).ToList();
        if (actual.Count != expected.Count)
            return $"{actual.Count} rows returned, brute force finds {expected.Count} ({passing.Count} pass the filter)";
        for (int i = 0; i < expected.Count; i++)
        {
            if (!byId.TryGetValue(actual[i].Id, out var own) || !PreciseDistances.Close(actual[i].Distance, own.Distance, own.Scale))
                return $"rank {i}: row {actual[i].Id} is reported at {actual[i].Distance:R} but lies at {(byId.TryGetValue(actual[i].Id, out own) ? own.Distance : double.NaN):R}";
            if (!PreciseDistances.Close(actual[i].Distance, expected[i].Distance, Math.Max(own.Scale, expected[i].Scale)))
                return $"rank {i}: distance {actual[i].Distance:R}, brute force {expected[i].Distance:R}";
        }
        return null;
    }

    private static float[] ToFloats(object stored) => stored switch
    {
        float[] f => f,
        Half[] h => Array.ConvertAll(h, x => (float)x),
        _ => throw new InvalidOperationException("a vector read back as " + stored.GetType().Name),
    };
}
