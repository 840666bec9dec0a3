using System.Globalization;
using System.Text;

namespace VecStore.Repl.Output;

/// <summary>Turns the values a reader returns into text, the same on every machine and in every culture.</summary>
/// <remarks>
/// <para>
/// <see cref="ForDisplay"/> is for people: reals to six significant digits, vectors and bit strings
/// abbreviated, NULL spelled out. <see cref="Exact"/> is for programs (CSV): every digit needed to
/// read the value back.
/// </para>
/// <para>
/// The engine returns <c>long</c> (INTEGER), <c>double</c> (REAL, distances), <c>string</c> (TEXT),
/// <c>byte[]</c> (BLOB), <c>bool</c> (BOOLEAN), <c>float[]</c> (VECTOR, HALF vectors included) and
/// <c>bool[]</c> (BIT). Bit strings read as pgvector prints them, <c>101</c>, first bit first.
/// A <c>Half[]</c> (which a parameter may hold) reads as a vector.
/// </para>
/// </remarks>
internal static class ValueFormatter
{
    /// <summary>How NULL reads in a table unless <c>.nullvalue</c> says otherwise.</summary>
    public const string Null = "NULL";

    private const int VectorPreview = 3; // components shown before "... (n dims)"
    private const int BitPreview = 64;   // bits shown in full; longer strings are cut there
    private const int BlobPreview = 16;  // bytes shown before the byte count

    /// <summary>The value as a table cell: one line of text.</summary>
    public static string ForDisplay(object? value) => value switch
    {
        null or DBNull => Null,
        string text => OneLine(text),
        bool flag => flag ? "true" : "false",
        double real => Real(real),
        float real => Real(real),
        float[] vector => Vector(vector),
        Half[] halves => Vector(Floats(halves)),
        bool[] bits => Bits(bits, BitPreview),
        byte[] blob => Blob(blob, BlobPreview),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => OneLine(value.ToString() ?? ""),
    };

    /// <summary>The value in full, as CSV holds it: shortest round-trip numbers, whole vectors and bit strings, NULL as empty.</summary>
    public static string Exact(object? value) => value switch
    {
        null or DBNull => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        float real => real.ToString("R", CultureInfo.InvariantCulture),
        float[] vector => ExactVector(vector),
        Half[] halves => ExactVector(Floats(halves)),
        bool[] bits => Bits(bits, int.MaxValue),
        byte[] blob => Blob(blob, int.MaxValue),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for values a table aligns to the right.</summary>
    public static bool IsNumber(object? value) => value is long or int or short or byte or double or float or decimal;

    /// <summary>Six significant digits; large values keep their integer digits rather than switch to an exponent.</summary>
    public static string Real(double value)
    {
        if (value == 0)
            return "0"; // also for -0, which a negated distance can produce
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e6 && magnitude < 1e15)
            return value.ToString("0.##", CultureInfo.InvariantCulture);
        return value.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>A vector as <c>[0.12, -0.5, 0.25, ... (32 dims)]</c>; short vectors in full.</summary>
    public static string Vector(float[] vector)
    {
        var text = new StringBuilder("[");
        int shown = vector.Length <= VectorPreview + 1 ? vector.Length : VectorPreview;
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(vector[i].ToString("G4", CultureInfo.InvariantCulture));
        }
        if (shown < vector.Length)
            text.Append(CultureInfo.InvariantCulture, $", ... ({vector.Length} dims)");
        return text.Append(']').ToString();
    }

    /// <summary>A BIT value as its <c>0</c>s and <c>1</c>s, first bit first; beyond <paramref name="preview"/> bits cut short with the bit count.</summary>
    public static string Bits(bool[] bits, int preview)
    {
        int shown = Math.Min(bits.Length, preview);
        var text = new StringBuilder(shown + 24);
        for (int i = 0; i < shown; i++)
            text.Append(bits[i] ? '1' : '0');
        if (shown < bits.Length)
            text.Append(CultureInfo.InvariantCulture, $"... ({bits.Length} bits)");
        return text.ToString();
    }

    /// <summary>Widens half-precision components; every half is exactly a float.</summary>
    public static float[] Floats(Half[] halves) => Array.ConvertAll(halves, h => (float)h);

    private static string ExactVector(float[] vector)
        => "[" + string.Join(", ", Array.ConvertAll(vector, c => c.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static string Blob(byte[] blob, int preview)
    {
        var hex = Convert.ToHexString(blob, 0, Math.Min(blob.Length, preview));
        return blob.Length <= preview
            ? $"x'{hex}'"
            : string.Create(CultureInfo.InvariantCulture, $"x'{hex}...' ({blob.Length} bytes)");
    }

    // A line break or tab inside a cell would break the table's alignment; show it escaped.
    private static string OneLine(string text)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r', '\t') < 0)
            return text;
        return text.Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);
    }
}
