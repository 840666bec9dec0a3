using System.Globalization;
using System.Text;

namespace VecStore.Storage.Catalog;

/// <summary>Writes values as VecStore SQL literals, for <c>.schema</c> and messages (never for SQLite).</summary>
public static class SqlLiterals
{
    /// <summary>The literal that reads back as <paramref name="value"/>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatReal(d),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        float[] v => FormatVector(v),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "NULL",
    };

    /// <summary>A vector literal such as <c>[0.5, -1, 2]</c>.</summary>
    public static string FormatVector(ReadOnlySpan<float> vector)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < vector.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(vector[i].ToString("R", CultureInfo.InvariantCulture));
        return text.Append(']').ToString();
    }

    private static string FormatReal(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || text.Contains('N') || text.Contains('I') ? text : text + ".0";
    }
}
