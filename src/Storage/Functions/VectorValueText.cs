using System.Runtime.InteropServices;
using VecStore.Indexes;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Functions;

/// <summary>Text turned into a vector value at run time, as <c>CAST(t AS VECTOR(3))</c> does with a TEXT column.</summary>
internal static class VectorValueText
{
    /// <summary>The elements of <paramref name="text"/> in <paramref name="element"/>'s encoding and their count; <paramref name="dimensions"/> 0 takes any count.</summary>
    /// <remarks>VECTOR and HALF read vector syntax (<c>[1, 2.5]</c>); BIT reads a string of 0s and 1s (<c>101</c>) or vector syntax holding only 0 and 1.</remarks>
    public static (byte[] Data, int Count) Parse(string text, VectorElement element, int dimensions)
    {
        float[] values;
        if (element == VectorElement.Bit && text.Length > 0 && text.AsSpan().IndexOfAnyExcept('0', '1') < 0)
        {
            values = new float[text.Length];
            for (int i = 0; i < text.Length; i++)
                values[i] = text[i] == '1' ? 1f : 0f;
        }
        else if (VectorText.TryParse(text, out var parsed) is var (code, reason))
        {
            throw new VecStoreException(code, code == ErrorCode.InvalidVectorValue ? reason : $"'{Shorten(text)}' is not a vector: {reason}");
        }
        else
        {
            values = parsed ?? throw new VecStoreException(ErrorCode.TypeMismatch, $"'{Shorten(text)}' is not a vector: it does not start with '['");
        }
        if (values.Length == 0)
            throw new VecStoreException(ErrorCode.InvalidDimensions, "a vector has at least 1 dimension, and the text holds none");
        if (dimensions != 0 && values.Length != dimensions)
            throw new VecStoreException(ErrorCode.DimensionMismatch, $"{VectorFunctions.TypeText(element, dimensions)} takes {dimensions} elements, and the text holds {values.Length}");
        switch (element)
        {
            case VectorElement.Float32:
                for (int i = 0; i < values.Length; i++)
                    if (!float.IsFinite(values[i]))
                        throw new VecStoreException(ErrorCode.InvalidVectorValue, $"vector element {i} is not a finite number");
                return (MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), values.Length);
            case VectorElement.Float16:
            {
                var halves = new Half[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    halves[i] = (Half)values[i];
                    if (!Half.IsFinite(halves[i]))
                        throw new VecStoreException(ErrorCode.InvalidVectorValue, $"vector element {i} is beyond what HALF holds (±65504)");
                }
                return (MemoryMarshal.AsBytes(halves.AsSpan()).ToArray(), values.Length);
            }
            default:
            {
                var words = new ulong[VectorElements.BitWords(values.Length)];
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i] is not (0f or 1f))
                        throw new VecStoreException(ErrorCode.InvalidVectorValue, $"bit {i} is neither 0 nor 1");
                    if (values[i] == 1f)
                        words[i >> 6] |= 1UL << (i & 63);
                }
                return (MemoryMarshal.AsBytes(words.AsSpan()).ToArray(), values.Length);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
