namespace VecStore.Repl.Bench;

/// <summary>Float vectors turned into bit vectors for <c>--element bit</c>: bit i is set when element i is above zero.</summary>
/// <remarks>
/// Packed as the engine's index contract lays bits out: little-endian 64-bit words, bit i in bit
/// i % 64 of word i / 64, unused bits zero. <see cref="ToBytes"/> gives the same bits as bytes
/// (bit i in bit i % 8 of byte i / 8), the value the bench hands the engine for a BIT(n) column.
/// </remarks>
internal static class BitVectors
{
    /// <summary>64-bit words one vector of <paramref name="dimensions"/> bits takes.</summary>
    public static int WordsPerVector(int dimensions) => (dimensions + 63) / 64;

    /// <summary>Packs one vector.</summary>
    public static ulong[] Pack(ReadOnlySpan<float> vector)
    {
        var words = new ulong[WordsPerVector(vector.Length)];
        for (int i = 0; i < vector.Length; i++)
            if (vector[i] > 0)
                words[i >> 6] |= 1UL << (i & 63);
        return words;
    }

    /// <summary>Packs every row, one after another.</summary>
    public static ulong[] Pack(VectorMatrix vectors)
    {
        int words = WordsPerVector(vectors.Dimensions);
        var packed = new ulong[vectors.Rows * words];
        for (int r = 0; r < vectors.Rows; r++)
        {
            var row = vectors.Row(r);
            for (int i = 0; i < row.Length; i++)
                if (row[i] > 0)
                    packed[r * words + (i >> 6)] |= 1UL << (i & 63);
        }
        return packed;
    }

    /// <summary>One vector's bits as bytes, bit i in bit i % 8 of byte i / 8.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[(vector.Length + 7) / 8];
        for (int i = 0; i < vector.Length; i++)
            if (vector[i] > 0)
                bytes[i >> 3] |= (byte)(1 << (i & 7));
        return bytes;
    }
}
