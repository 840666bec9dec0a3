using System.Runtime.InteropServices;
using VecStore.Indexes;

namespace VecStore.Storage.Functions;

/// <summary>One vector argument of a VecStore SQL function, read in place: a stored vector (column id and slot) or a vector value (a BLOB).</summary>
/// <remarks>
/// The convention the SQL VecStore renders follows: a vector argument is either one BLOB (a
/// <see cref="VectorBlob"/>) or NULL, or two arguments, the column id (an INTEGER written in the
/// SQL text) and the slot (NULL when the row has no vector). <see cref="Data"/> points into the
/// vector pages, the log overlay or SQLite's copy of the BLOB, and is valid during the call only.
/// </remarks>
internal readonly unsafe ref struct VectorArgument
{
    public VectorArgument(VectorElement element, int dimensions, ReadOnlySpan<byte> data, bool stored)
    {
        Element = element;
        Dimensions = dimensions;
        Data = data;
        IsStored = stored;
        IsNull = false;
    }

    private VectorArgument(bool isNull)
    {
        IsNull = isNull;
    }

    /// <summary>A NULL vector.</summary>
    public static VectorArgument Null => new(true);

    public bool IsNull { get; }

    public VectorElement Element { get; }

    public int Dimensions { get; }

    /// <summary>The elements in <see cref="Element"/>'s encoding.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>True for a vector read from a column (by slot), false for a value.</summary>
    public bool IsStored { get; }

    /// <summary>The elements as floats when they are stored as floats; empty otherwise.</summary>
    public ReadOnlySpan<float> Floats => Element == VectorElement.Float32 ? MemoryMarshal.Cast<byte, float>(Data) : default;

    /// <summary>The bits' words of a BIT vector.</summary>
    public ReadOnlySpan<ulong> Words => MemoryMarshal.Cast<byte, ulong>(Data);

    /// <summary>Reads the vector argument starting at <paramref name="index"/> and moves past it (one or two SQL arguments).</summary>
    public static VectorArgument Read(VectorFunctionContext context, IntPtr* argv, int argc, scoped ref int index)
    {
        if (index >= argc)
            throw new InvalidOperationException("a vector function was called with too few arguments");
        IntPtr value = argv[index++];
        switch (SqliteNative.ValueType(value))
        {
            case SqliteNative.Null:
                return Null;
            case SqliteNative.Integer:
            {
                long columnId = SqliteNative.ValueInt64(value);
                if (index >= argc)
                    throw new InvalidOperationException("a stored vector argument lacks its slot");
                IntPtr slotValue = argv[index++];
                if (SqliteNative.ValueType(slotValue) == SqliteNative.Null)
                    return Null;
                long slot = SqliteNative.ValueInt64(slotValue);
                var view = context.View(columnId);
                var data = view.GetVectorData(slot);
                if (data.IsEmpty)
                    throw view.MissingVector(context.DisplayName, slot, null);
                return new VectorArgument(view.ElementType, view.Dimensions, data, stored: true);
            }
            case SqliteNative.Blob:
            {
                byte* bytes = SqliteNative.ValueBlob(value);
                int length = SqliteNative.ValueBytes(value);
                var blob = new ReadOnlySpan<byte>(bytes, length);
                if (!VectorBlob.TryRead(blob, out var element, out int dimensions, out var data))
                    throw new VecStoreException(ErrorCode.TypeMismatch, "a BLOB that is not a vector was given where a vector belongs");
                return new VectorArgument(element, dimensions, data, stored: false);
            }
            default:
                throw new VecStoreException(ErrorCode.TypeMismatch, "a value that is not a vector was given where a vector belongs");
        }
    }

    /// <summary>The elements as floats, widened into <paramref name="buffer"/> unless they are floats already.</summary>
    public ReadOnlySpan<float> ToFloats(Span<float> buffer)
    {
        switch (Element)
        {
            case VectorElement.Float32:
                return Floats;
            case VectorElement.Float16:
            {
                var halves = MemoryMarshal.Cast<byte, Half>(Data);
                var floats = buffer[..halves.Length];
                for (int i = 0; i < halves.Length; i++)
                    floats[i] = (float)halves[i];
                return floats;
            }
            default:
            {
                var words = Words;
                var floats = buffer[..Dimensions];
                for (int i = 0; i < floats.Length; i++)
                    floats[i] = (words[i >> 6] >> (i & 63) & 1) != 0 ? 1f : 0f;
                return floats;
            }
        }
    }
}
