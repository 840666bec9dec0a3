using System.Globalization;
using Microsoft.Extensions.AI;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Reads the .NET values applications hold vectors in as floats, before they are checked against a column.</summary>
/// <remarks>
/// Accepted: <c>float[]</c>, <c>double[]</c>, <c>Half[]</c>; <c>Memory</c> and <c>ReadOnlyMemory</c>
/// of those; lists of them (<c>List&lt;float&gt;</c>, any <c>IReadOnlyList</c>, <c>IList</c> or other
/// sequence); <c>Embedding&lt;float&gt;</c>, <c>Embedding&lt;double&gt;</c> and <c>Embedding&lt;Half&gt;</c>
/// of Microsoft.Extensions.AI; and text in vector syntax, <c>'[1, 0.5, -2]'</c>, as pgvector reads it.
/// A double is narrowed to float; one that is finite but beyond float's range is refused here,
/// since after narrowing it would be reported as infinite, which the caller did not write.
/// </remarks>
internal static class VectorInputs
{
    /// <summary>A problem with the value, or null; <paramref name="vector"/> is null (with no problem) when the value is no vector at all.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="expected">What the place takes, to start a message with: <c>column 'v' is VECTOR(3)</c>.</param>
    /// <param name="vector">The value as floats.</param>
    public static (ErrorCode Code, string Message)? TryRead(object value, string expected, out float[]? vector)
    {
        vector = null;
        switch (value)
        {
            case float[] floats:
                vector = floats;
                return null;
            case ReadOnlyMemory<float> memory:
                vector = memory.ToArray();
                return null;
            case Memory<float> memory:
                vector = memory.ToArray();
                return null;
            case Embedding<float> embedding:
                vector = embedding.Vector.ToArray();
                return null;
            case double[] doubles:
                return Narrow(doubles, out vector);
            case ReadOnlyMemory<double> memory:
                return Narrow(memory.Span, out vector);
            case Memory<double> memory:
                return Narrow(memory.Span, out vector);
            case Embedding<double> embedding:
                return Narrow(embedding.Vector.Span, out vector);
            case Half[] halves:
                vector = Widen(halves);
                return null;
            case ReadOnlyMemory<Half> memory:
                vector = Widen(memory.Span);
                return null;
            case Memory<Half> memory:
                vector = Widen(memory.Span);
                return null;
            case Embedding<Half> embedding:
                vector = Widen(embedding.Vector.Span);
                return null;
            case string text:
                return ParseText(text, expected, out vector);
            case IReadOnlyList<float> list:
            {
                var result = new float[list.Count];
                for (int i = 0; i < result.Length; i++)
                    result[i] = list[i];
                vector = result;
                return null;
            }
            case IReadOnlyList<double> list:
            {
                var doubles = new double[list.Count];
                for (int i = 0; i < doubles.Length; i++)
                    doubles[i] = list[i];
                return Narrow(doubles, out vector);
            }
            case IEnumerable<float> sequence:
                vector = [.. sequence];
                return null;
            case IEnumerable<double> sequence:
                return Narrow([.. sequence], out vector);
            case IEnumerable<Half> sequence:
                vector = Widen([.. sequence]);
                return null;
            default:
                return null;
        }
    }

    /// <summary>True for a value of a type that holds a vector (not text, which may be a scalar): what a misplaced vector parameter is told.</summary>
    public static bool IsVectorType(object value) => value is not string
        && (value is ReadOnlyMemory<float> or Memory<float> or ReadOnlyMemory<double> or Memory<double> or ReadOnlyMemory<Half> or Memory<Half>
            or Embedding or bool[] or System.Collections.BitArray
            or IEnumerable<float> or IEnumerable<double> or IEnumerable<Half>);

    private static float[] Widen(ReadOnlySpan<Half> halves)
    {
        var result = new float[halves.Length];
        for (int i = 0; i < halves.Length; i++)
            result[i] = (float)halves[i];
        return result;
    }

    private static (ErrorCode, string)? Narrow(ReadOnlySpan<double> doubles, out float[]? vector)
    {
        var result = new float[doubles.Length];
        for (int i = 0; i < doubles.Length; i++)
        {
            double d = doubles[i];
            float f = (float)d;
            if (float.IsInfinity(f) && double.IsFinite(d))
            {
                vector = null;
                return (ErrorCode.InvalidVectorValue, BeyondFloat(i, d));
            }
            result[i] = f;
        }
        vector = result;
        return null;
    }

    /// <summary>The message for element <paramref name="index"/>, a finite double too large for a float.</summary>
    public static string BeyondFloat(int index, double value)
        => $"vector element {index} is {value.ToString("R", CultureInfo.InvariantCulture)}, beyond what a vector element holds (a 32-bit float, ±{float.MaxValue.ToString(CultureInfo.InvariantCulture)})";

    // '[1, 0.5, -2e3]': numbers in invariant culture, separated by commas, spaces allowed around each.
    private static (ErrorCode, string)? ParseText(string text, string expected, out float[]? vector)
    {
        vector = null;
        var span = text.AsSpan().Trim();
        if (span.Length == 0 || span[0] != '[')
            return null;
        string shown = $"{expected} but {ValueConverter.Describe(text)}";
        if (span[^1] != ']')
            return (ErrorCode.TypeMismatch, $"{shown} is not a vector: it does not end with ']'");
        var inner = span[1..^1].Trim();
        if (inner.IsEmpty)
        {
            vector = [];
            return null;
        }
        int count = inner.Count(',') + 1;
        var doubles = new double[count];
        int index = 0;
        foreach (var range in inner.Split(','))
        {
            var element = inner[range].Trim();
            if (!double.TryParse(element, NumberStyles.Float, CultureInfo.InvariantCulture, out doubles[index]))
            {
                string what = element.IsEmpty ? "is empty" : $"'{element}' is not a number";
                return (ErrorCode.TypeMismatch, $"{shown} is not a vector: element {index} {what}");
            }
            index++;
        }
        return Narrow(doubles, out vector);
    }
}
