using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using VecStore.Indexes;

namespace VecStore.Storage.Functions;

/// <summary>One call of a VecStore SQL function: its arguments, read in order, up to three pooled float buffers, and its result.</summary>
/// <remarks>A body (<see cref="ISqlFunction"/>) reads what it needs and sets one result; <see cref="VectorFunctions"/> wraps every call so that nothing escapes into SQLite and the buffers go back to the pool.</remarks>
internal unsafe ref struct SqlFunctionCall
{
    private readonly IntPtr* _argv;
    private readonly int _argc;
    private int _next;
    private float[]? _first;
    private float[]? _second;
    private float[]? _third;

    public SqlFunctionCall(IntPtr context, int argc, IntPtr* argv)
    {
        Context = context;
        _argc = argc;
        _argv = argv;
        Functions = VectorFunctionContext.Of(context);
    }

    /// <summary>SQLite's context of the call.</summary>
    public IntPtr Context { get; }

    /// <summary>The session the call reads vectors through.</summary>
    public VectorFunctionContext Functions { get; }

    /// <summary>The next argument as a vector (one or two SQL arguments).</summary>
    public VectorArgument Vector() => VectorArgument.Read(Functions, _argv, _argc, ref _next);

    /// <summary>The next argument as a plain SQLite value, or IntPtr.Zero when there is none.</summary>
    public IntPtr Value() => _next < _argc ? _argv[_next++] : IntPtr.Zero;

    /// <summary>True when a plain value is NULL (or missing).</summary>
    public static bool IsNull(IntPtr value) => value == IntPtr.Zero || SqliteNative.ValueType(value) == SqliteNative.Null;

    /// <summary>An INTEGER argument's value.</summary>
    public static long Int64(IntPtr value) => SqliteNative.ValueInt64(value);

    /// <summary>A TEXT argument's value.</summary>
    public static string Text(IntPtr value)
    {
        byte* utf8 = SqliteNative.ValueText(value);
        return Encoding.UTF8.GetString(utf8, SqliteNative.ValueBytes(value));
    }

    /// <summary>A scratch buffer of <paramref name="count"/> floats from the pool (at most three per call), returned when the call ends.</summary>
    public Span<float> Scratch(int count)
    {
        var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, count));
        if (_first is null)
            _first = buffer;
        else if (_second is null)
            _second = buffer;
        else if (_third is null)
            _third = buffer;
        else
            throw new InvalidOperationException("a vector function asked for more than three scratch buffers");
        return buffer.AsSpan(0, count);
    }

    /// <summary>A vector's elements as floats: its own memory for FLOAT32, else widened into a scratch buffer.</summary>
    public ReadOnlySpan<float> Floats(in VectorArgument vector) =>
        vector.Element == VectorElement.Float32 ? vector.Floats : vector.ToFloats(Scratch(vector.Dimensions));

    public readonly void ReturnNull() => SqliteNative.ResultNull(Context);

    public readonly void Return(long value) => SqliteNative.ResultInt64(Context, value);

    public readonly void Return(double value) => SqliteNative.ResultDouble(Context, value);

    public readonly void Return(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = utf8)
            SqliteNative.ResultText(Context, p, utf8.Length, SqliteNative.Transient);
    }

    /// <summary>Returns a vector value holding <paramref name="data"/> (the elements in <paramref name="element"/>'s encoding), written straight into memory SQLite takes over.</summary>
    public readonly void ReturnVector(VectorElement element, int dimensions, ReadOnlySpan<byte> data)
    {
        int size = VectorBlob.HeaderSize + data.Length;
        byte* blob = SqliteNative.Malloc(size);
        if (blob == null)
            throw new OutOfMemoryException("SQLite could not allocate a vector value");
        var span = new Span<byte>(blob, size);
        VectorBlob.WriteHeader(span, element, dimensions);
        data.CopyTo(span[VectorBlob.HeaderSize..]);
        // SQLite owns the memory from here and frees it with sqlite3_free.
        SqliteNative.ResultBlob(Context, blob, size, SqliteNative.Free);
    }

    /// <summary>Returns floats as a vector value of <paramref name="element"/>: FLOAT32 as they are, HALF rounded as pgvector's halfvec is.</summary>
    public readonly void ReturnFloats(VectorElement element, ReadOnlySpan<float> floats)
    {
        if (element == VectorElement.Float32)
        {
            ReturnVector(element, floats.Length, MemoryMarshal.AsBytes(floats));
            return;
        }
        var halves = new Half[floats.Length];
        for (int i = 0; i < halves.Length; i++)
        {
            halves[i] = (Half)floats[i];
            if (Half.IsInfinity(halves[i]) && float.IsFinite(floats[i]))
                throw new VecStoreException(ErrorCode.InvalidVectorValue, $"vector element {i} is {floats[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, beyond what HALF holds (±65504)");
        }
        ReturnVector(element, floats.Length, MemoryMarshal.AsBytes(halves.AsSpan()));
    }

    /// <summary>Gives the scratch buffers back to the pool.</summary>
    public void Dispose()
    {
        foreach (var buffer in (ReadOnlySpan<float[]?>)[_first, _second, _third])
            if (buffer is not null)
                ArrayPool<float>.Shared.Return(buffer);
        _first = _second = _third = null;
    }
}

/// <summary>The body of a VecStore SQL function, as a struct so that each entry point is compiled for its own body.</summary>
internal interface ISqlFunction
{
    static abstract void Run(ref SqlFunctionCall call);
}
