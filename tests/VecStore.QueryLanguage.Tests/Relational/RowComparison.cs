using System.Globalization;
using System.Text;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>Compares result rows with expected ones: same count, order and values; reals and vector elements within a tolerance.</summary>
internal static class RowComparison
{
    public static void AssertSame(List<object?[]> expected, List<object?[]> actual, double tolerance, string context)
    {
        if (expected.Count != actual.Count || !expected.Zip(actual).All(pair => RowEquals(pair.First, pair.Second, tolerance)))
            Assert.Fail($"{context}\nexpected:\n{Print(expected)}\nactual:\n{Print(actual)}");
    }

    private static bool RowEquals(object?[] a, object?[] b, double tolerance)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
            if (!ValueEquals(a[i], b[i], tolerance))
                return false;
        return true;
    }

    private static bool ValueEquals(object? a, object? b, double tolerance) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (float[] x, float[] y) => x.Length == y.Length && x.Zip(y).All(p => Close(p.First, p.Second, tolerance)),
        (bool[] x, bool[] y) => x.SequenceEqual(y),
        (double x, double y) => Close(x, y, tolerance),
        (float x, double y) => Close(x, y, tolerance),
        (double x, float y) => Close(x, y, tolerance),
        (long x, long y) => x == y,
        (int x, long y) => x == y,
        (long x, double y) => Close(x, y, tolerance),
        (double x, long y) => Close(x, y, tolerance),
        _ => Equals(a, b),
    };

    private static bool Close(double a, double b, double tolerance) =>
        a == b || Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Print(List<object?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(40))
            text.Append("  ").AppendJoin(" | ", row.Select(Print)).Append('\n');
        if (rows.Count > 40)
            text.Append("  ... ").Append(rows.Count).Append(" rows\n");
        return text.ToString();
    }

    private static string Print(object? value) => value switch
    {
        null => "NULL",
        float[] v => "[" + string.Join(", ", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
