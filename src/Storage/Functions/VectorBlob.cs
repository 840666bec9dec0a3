using System.Buffers.Binary;
using System.Runtime.InteropServices;
using VecStore.Indexes;

namespace VecStore.Storage.Functions;

/// <summary>A vector as a value inside a SQLite statement: a BLOB of an 8-byte header and the elements in their column encoding.</summary>
/// <remarks>
/// <code>
/// bytes 0-1  'V' 'S'     marks the BLOB as a vector value
/// byte  2    element     0 FLOAT32, 1 HALF, 2 BIT (VectorElement)
/// byte  3    0           reserved
/// bytes 4-7  dimensions  int32, little-endian
/// bytes 8-   elements    the bytes pages and the log hold: float32 or binary16 little-endian,
///                        or bits packed into little-endian 64-bit words
/// </code>
/// A table holds a vector's slot, never a vector value: values exist only while a statement runs
/// (query vectors bound as parameters, results of vector functions) and are decoded for the reader.
/// </remarks>
public static class VectorBlob
{
    /// <summary>Bytes before the elements.</summary>
    public const int HeaderSize = 8;

    // Far above any column's limit; keeps a damaged header from asking for an absurd size.
    private const int MaxDimensions = 1 << 24;

    private const byte Magic0 = (byte)'V';
    private const byte Magic1 = (byte)'S';

    /// <summary>The bytes a value of <paramref name="dimensions"/> elements of <paramref name="element"/> takes.</summary>
    public static int Size(VectorElement element, int dimensions) => HeaderSize + VectorElements.BytesPerVector(element, dimensions);

    /// <summary>Writes the header into the first <see cref="HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, VectorElement element, int dimensions)
    {
        destination[0] = Magic0;
        destination[1] = Magic1;
        destination[2] = (byte)element;
        destination[3] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], dimensions);
    }

    /// <summary>A vector value holding <paramref name="data"/>, the elements in <paramref name="element"/>'s encoding.</summary>
    public static byte[] Create(VectorElement element, int dimensions, ReadOnlySpan<byte> data)
    {
        var blob = new byte[HeaderSize + data.Length];
        WriteHeader(blob, element, dimensions);
        data.CopyTo(blob.AsSpan(HeaderSize));
        return blob;
    }

    /// <summary>A FLOAT32 vector value.</summary>
    public static byte[] FromFloats(ReadOnlySpan<float> vector) => Create(VectorElement.Float32, vector.Length, MemoryMarshal.AsBytes(vector));

    /// <summary>Reads the header: false when <paramref name="blob"/> is not a vector value (or its length does not match its header).</summary>
    public static bool TryRead(ReadOnlySpan<byte> blob, out VectorElement element, out int dimensions, out ReadOnlySpan<byte> data)
    {
        element = default;
        dimensions = 0;
        data = default;
        if (blob.Length < HeaderSize || blob[0] != Magic0 || blob[1] != Magic1 || blob[2] > (byte)VectorElement.Bit || blob[3] != 0)
            return false;
        element = (VectorElement)blob[2];
        dimensions = BinaryPrimitives.ReadInt32LittleEndian(blob[4..]);
        if (dimensions < 0 || dimensions > MaxDimensions || (long)HeaderSize + VectorElements.BytesPerVector(element, dimensions) != blob.Length)
            return false;
        data = blob[HeaderSize..];
        return true;
    }
}
