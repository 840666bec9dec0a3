using System.Runtime.InteropServices;
using VecStore.Indexes;

namespace VecStore.Storage.Catalog;

/// <summary>Stored vectors as applications read them: float[] for VECTOR and VECTOR HALF, bool[] for BIT.</summary>
public static class VectorValues
{
    /// <summary>The value a reader returns for a stored vector.</summary>
    public static object ToValue(ReadOnlySpan<byte> data, VectorElement element, int dimensions)
    {
        switch (element)
        {
            case VectorElement.Float32:
                return MemoryMarshal.Cast<byte, float>(data).ToArray();
            case VectorElement.Float16:
            {
                var halves = MemoryMarshal.Cast<byte, Half>(data);
                var floats = new float[halves.Length];
                for (int i = 0; i < floats.Length; i++)
                    floats[i] = (float)halves[i];
                return floats;
            }
            default:
            {
                var words = MemoryMarshal.Cast<byte, ulong>(data);
                var bits = new bool[dimensions];
                for (int i = 0; i < bits.Length; i++)
                    bits[i] = (words[i >> 6] & (1UL << (i & 63))) != 0;
                return bits;
            }
        }
    }

    /// <summary>The CLR type of <see cref="ToValue"/>'s result.</summary>
    public static Type ValueType(VectorElement element) => element == VectorElement.Bit ? typeof(bool[]) : typeof(float[]);
}
