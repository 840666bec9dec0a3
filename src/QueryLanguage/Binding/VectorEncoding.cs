using System.Collections;
using System.Globalization;
using Microsoft.Extensions.AI;
using VecStore.Indexes;

namespace VecStore.QueryLanguage.Binding;

/// <summary>Vector values as applications give them, turned into what a column stores and what a search compares.</summary>
/// <remarks>
/// Every vector is first read as floats (for BIT: one 0 or 1 per bit), checked, then encoded for
/// its column: float[] for VECTOR, Half[] for VECTOR HALF, packed ulong[] for BIT.
/// </remarks>
internal static class VectorEncoding
{
    /// <summary>Reads a vector value as floats (see <see cref="VectorInputs"/>); for BIT also bool[], BitArray, BinaryEmbedding, a '0'/'1' string, or packed bytes.</summary>
    /// <returns>A problem with the value, or null; <paramref name="vector"/> is null (with no problem) when the value is no vector at all.</returns>
    public static (ErrorCode Code, string Message)? ToFloats(object value, VectorElement element, int dimensions, string expected, out float[]? vector)
    {
        if (element == VectorElement.Bit && BitsToFloats(value, dimensions) is { } bits)
        {
            vector = bits;
            return null;
        }
        return VectorInputs.TryRead(value, expected, out vector);
    }

    private static float[]? BitsToFloats(object value, int dimensions)
    {
        switch (value)
        {
            case bool[] bools:
                return Array.ConvertAll(bools, b => b ? 1f : 0f);
            case BitArray bitArray:
                return BitsToFloats(bitArray);
            case BinaryEmbedding embedding:
                return BitsToFloats(embedding.Vector);
            case string text when !text.AsSpan().TrimStart().StartsWith("["):
            {
                var result = new float[text.Length];
                for (int i = 0; i < text.Length; i++)
                    result[i] = text[i] switch { '0' => 0, '1' => 1, _ => float.NaN };
                return result;
            }
            case byte[] packed when packed.Length == (dimensions + 7) / 8:
            {
                var result = new float[dimensions];
                for (int i = 0; i < dimensions; i++)
                    result[i] = (packed[i >> 3] >> (i & 7)) & 1;
                return result;
            }
            default:
                return null;
        }
    }

    private static float[] BitsToFloats(BitArray bits)
    {
        var result = new float[bits.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = bits[i] ? 1 : 0;
        return result;
    }

    /// <summary>Checks length and values for the element type; returns the problem, or null.</summary>
    public static (ErrorCode Code, string Message)? Check(float[] vector, VectorElement element, int dimensions, string expected)
    {
        if (vector.Length != dimensions)
            return (ErrorCode.DimensionMismatch, $"{expected} but the vector has {vector.Length} {(element == VectorElement.Bit ? "bits" : "dimensions")}");
        for (int i = 0; i < vector.Length; i++)
        {
            float x = vector[i];
            if (element == VectorElement.Bit)
            {
                if (x is not (0f or 1f))
                    return (ErrorCode.InvalidVectorValue, $"bit {i} is {Text(x)}; a BIT vector holds only 0 and 1");
            }
            else if (!float.IsFinite(x))
            {
                return (ErrorCode.InvalidVectorValue, $"vector element {i} is {Text(x)}; vectors hold finite numbers only");
            }
            else if (element == VectorElement.Float16 && !Half.IsFinite((Half)x))
            {
                return (ErrorCode.InvalidVectorValue, $"vector element {i} is {Text(x)}, beyond what HALF holds (±65504)");
            }
        }
        return null;
    }

    /// <summary>A checked vector in its column's storage encoding.</summary>
    public static object Encode(float[] vector, VectorElement element) => element switch
    {
        VectorElement.Float16 => Array.ConvertAll(vector, x => (Half)x),
        VectorElement.Bit => PackBits(vector),
        _ => vector,
    };

    /// <summary>Bits (as 0/1 floats) packed into little-endian 64-bit words, unused bits zero.</summary>
    public static ulong[] PackBits(float[] bits)
    {
        var words = new ulong[VectorElements.BitWords(bits.Length)];
        VectorElements.PackBits(bits, words);
        return words;
    }

    /// <summary>Bits packed into little-endian 64-bit words, unused bits zero.</summary>
    public static ulong[] PackBits(bool[] bits)
    {
        var words = new ulong[(bits.Length + 63) / 64];
        for (int i = 0; i < bits.Length; i++)
            if (bits[i])
                words[i >> 6] |= 1UL << (i & 63);
        return words;
    }

    private static string Text(float x) => x.ToString(CultureInfo.InvariantCulture);
}
