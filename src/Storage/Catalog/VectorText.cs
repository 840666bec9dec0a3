using System.Globalization;

namespace VecStore.Storage.Catalog;

/// <summary>Text in vector syntax, <c>'[1, 0.5, -2e3]'</c>, as pgvector reads it: numbers in invariant culture separated by commas, spaces allowed around each.</summary>
/// <remarks>Used where a parameter or literal is bound and where SQL converts text at run time (<c>CAST(t AS VECTOR(3))</c>), so both read the same.</remarks>
public static class VectorText
{
    /// <summary>Reads <paramref name="text"/>: null with <paramref name="vector"/> set, or what is wrong (code and the reason after "is not a vector: "); with neither, the text does not start with '[' and is no vector at all.</summary>
    public static (ErrorCode Code, string Reason)? TryParse(ReadOnlySpan<char> text, out float[]? vector)
    {
        vector = null;
        var span = text.Trim();
        if (span.Length == 0 || span[0] != '[')
            return null;
        if (span[^1] != ']')
            return (ErrorCode.TypeMismatch, "it does not end with ']'");
        var inner = span[1..^1].Trim();
        if (inner.IsEmpty)
        {
            vector = [];
            return null;
        }
        var result = new float[inner.Count(',') + 1];
        int index = 0;
        foreach (var range in inner.Split(','))
        {
            var element = inner[range].Trim();
            if (!double.TryParse(element, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                return (ErrorCode.TypeMismatch, element.IsEmpty ? $"element {index} is empty" : $"element {index} '{element}' is not a number");
            float f = (float)d;
            if (float.IsInfinity(f) && double.IsFinite(d))
                return (ErrorCode.InvalidVectorValue, BeyondFloat(index, d));
            result[index++] = f;
        }
        vector = result;
        return null;
    }

    /// <summary>The message for element <paramref name="index"/>, a finite double too large for a float.</summary>
    public static string BeyondFloat(int index, double value)
        => $"vector element {index} is {value.ToString("R", CultureInfo.InvariantCulture)}, beyond what a vector element holds (a 32-bit float, ±{float.MaxValue.ToString(CultureInfo.InvariantCulture)})";
}
