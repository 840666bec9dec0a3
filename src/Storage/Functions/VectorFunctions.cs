using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Functions;

/// <summary>VecStore's SQL functions as SQLite calls them: registration on a connection, and one entry point per function.</summary>
/// <remarks>
/// Every entry point catches everything: an exception must never cross into SQLite. A failure is
/// recorded (<see cref="FunctionErrors"/>) and reported to SQLite, which fails the statement.
/// Functions return NULL when a vector argument is NULL, as pgvector's strict functions do.
/// </remarks>
public static unsafe partial class VectorFunctions
{
    // Above this many elements a float buffer comes from the pool rather than the stack.
    private const int StackFloats = 1024;

    /// <summary>The function's name in the SQL VecStore renders.</summary>
    public static string SqlName(VectorFunction function) => function switch
    {
        VectorFunction.Vector => "vs_vector",
        VectorFunction.L2Distance => "vs_l2_distance",
        VectorFunction.CosineDistance => "vs_cosine_distance",
        VectorFunction.InnerProduct => "vs_inner_product",
        VectorFunction.NegativeInnerProduct => "vs_negative_inner_product",
        VectorFunction.L1Distance => "vs_l1_distance",
        VectorFunction.HammingDistance => "vs_hamming_distance",
        VectorFunction.JaccardDistance => "vs_jaccard_distance",
        VectorFunction.Dimensions => "vs_dims",
        VectorFunction.Norm => "vs_norm",
        VectorFunction.Normalize => "vs_normalize",
        VectorFunction.Subvector => "vs_subvector",
        VectorFunction.BinaryQuantize => "vs_binary_quantize",
        VectorFunction.Add => "vs_add",
        VectorFunction.Subtract => "vs_subtract",
        VectorFunction.Multiply => "vs_multiply",
        VectorFunction.Concat => "vs_concat",
        VectorFunction.Compare => "vs_compare",
        VectorFunction.ToText => "vs_to_text",
        VectorFunction.FromText => "vs_from_text",
        VectorFunction.Cast => "vs_cast",
        VectorFunction.Average => "vs_avg",
        VectorFunction.Sum => "vs_sum",
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>Registers every function on the connection <paramref name="db"/> (a <c>sqlite3*</c>), reading through <paramref name="context"/>.</summary>
    internal static void Register(IntPtr db, VectorFunctionContext context)
    {
        Scalar(db, context, VectorFunction.Vector, &Vector);
        Scalar(db, context, VectorFunction.L2Distance, &L2Distance);
        Scalar(db, context, VectorFunction.CosineDistance, &CosineDistance);
        Scalar(db, context, VectorFunction.InnerProduct, &InnerProduct);
        Scalar(db, context, VectorFunction.NegativeInnerProduct, &NegativeInnerProduct);
        Scalar(db, context, VectorFunction.L1Distance, &L1Distance);
        Scalar(db, context, VectorFunction.HammingDistance, &HammingDistance);
        Scalar(db, context, VectorFunction.JaccardDistance, &JaccardDistance);
        Scalar(db, context, VectorFunction.Dimensions, &Dimensions);
        Scalar(db, context, VectorFunction.Norm, &Norm);
        Scalar(db, context, VectorFunction.Normalize, &Normalize);
        Scalar(db, context, VectorFunction.Subvector, &Subvector);
        Scalar(db, context, VectorFunction.BinaryQuantize, &BinaryQuantize);
        Scalar(db, context, VectorFunction.Add, &Add);
        Scalar(db, context, VectorFunction.Subtract, &Subtract);
        Scalar(db, context, VectorFunction.Multiply, &Multiply);
        Scalar(db, context, VectorFunction.Concat, &Concat);
        Scalar(db, context, VectorFunction.Compare, &Compare);
        Scalar(db, context, VectorFunction.ToText, &ToText);
        Scalar(db, context, VectorFunction.FromText, &FromText);
        Scalar(db, context, VectorFunction.Cast, &Cast);
        Aggregate(db, context, VectorFunction.Average, &AverageStep, &AverageFinal);
        Aggregate(db, context, VectorFunction.Sum, &SumStep, &SumFinal);
    }

    private static void Scalar(IntPtr db, VectorFunctionContext context, VectorFunction function, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> entry)
        => Create(db, context, function, entry, null, null);

    private static void Aggregate(IntPtr db, VectorFunctionContext context, VectorFunction function,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> step, delegate* unmanaged[Cdecl]<IntPtr, void> final)
        => Create(db, context, function, null, step, final);

    private static void Create(IntPtr db, VectorFunctionContext context, VectorFunction function,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> scalar,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> step,
        delegate* unmanaged[Cdecl]<IntPtr, void> final)
    {
        byte[] name = Encoding.UTF8.GetBytes(SqlName(function) + "\0");
        int rc;
        fixed (byte* n = name)
        {
            // -1 arguments: a vector argument is one or two SQL arguments (see VectorArgument).
            rc = SqliteNative.CreateFunction(db, n, -1, SqliteNative.Utf8 | SqliteNative.Deterministic | SqliteNative.DirectOnly,
                context.Handle, scalar, step, final, IntPtr.Zero);
        }
        if (rc != 0)
            throw new InvalidOperationException($"SQLite refused to register {SqlName(function)} (error {rc})");
    }

    // ---- Entry points -------------------------------------------------------------------------

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Vector(IntPtr ctx, int argc, IntPtr* argv)
    {
        try
        {
            var context = VectorFunctionContext.Of(ctx);
            int i = 0;
            var v = VectorArgument.Read(context, argv, argc, ref i);
            if (v.IsNull)
                SqliteNative.ResultNull(ctx);
            else
                ResultVector(ctx, v.Element, v.Dimensions, v.Data);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void L2Distance(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.L2Distance);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void CosineDistance(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.CosineDistance);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void InnerProduct(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.InnerProduct);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void NegativeInnerProduct(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.NegativeInnerProduct);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void L1Distance(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.L1Distance);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void HammingDistance(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.HammingDistance);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void JaccardDistance(IntPtr ctx, int argc, IntPtr* argv) => Distance(ctx, argc, argv, VectorFunction.JaccardDistance);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Dimensions(IntPtr ctx, int argc, IntPtr* argv)
    {
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
                SqliteNative.ResultNull(ctx);
            else
                SqliteNative.ResultInt64(ctx, v.Dimensions);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Norm(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            RequireNumeric(v, "vector_norm");
            Span<float> buffer = v.Dimensions <= StackFloats ? stackalloc float[v.Dimensions] : (rented = ArrayPool<float>.Shared.Rent(v.Dimensions));
            SqliteNative.ResultDouble(ctx, VectorMath.Norm(v.ToFloats(buffer)));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Normalize(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            RequireNumeric(v, "l2_normalize");
            rented = ArrayPool<float>.Shared.Rent(v.Dimensions * 2);
            var floats = v.ToFloats(rented.AsSpan(0, v.Dimensions));
            var result = rented.AsSpan(v.Dimensions, v.Dimensions);
            VectorMath.Normalize(floats, result);
            ResultFloats(ctx, v.Element, result);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Subvector(IntPtr ctx, int argc, IntPtr* argv)
    {
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull || i + 2 > argc || SqliteNative.ValueType(argv[i]) == SqliteNative.Null || SqliteNative.ValueType(argv[i + 1]) == SqliteNative.Null)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            RequireNumeric(v, "subvector");
            var (start, length) = VectorMath.SubvectorRange(v.Dimensions, SqliteNative.ValueInt64(argv[i]), SqliteNative.ValueInt64(argv[i + 1]));
            int size = v.Element == VectorElement.Float32 ? 4 : 2;
            ResultVector(ctx, v.Element, length, v.Data.Slice(start * size, length * size));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void BinaryQuantize(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            RequireNumeric(v, "binary_quantize");
            Span<float> buffer = v.Dimensions <= StackFloats ? stackalloc float[v.Dimensions] : (rented = ArrayPool<float>.Shared.Rent(v.Dimensions));
            var floats = v.ToFloats(buffer);
            var words = new ulong[VectorElements.BitWords(v.Dimensions)];
            for (int e = 0; e < floats.Length; e++)
                if (floats[e] > 0)
                    words[e >> 6] |= 1UL << (e & 63);
            ResultVector(ctx, VectorElement.Bit, v.Dimensions, MemoryMarshal.AsBytes(words.AsSpan()));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Add(IntPtr ctx, int argc, IntPtr* argv) => Elementwise(ctx, argc, argv, VectorFunction.Add);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Subtract(IntPtr ctx, int argc, IntPtr* argv) => Elementwise(ctx, argc, argv, VectorFunction.Subtract);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Multiply(IntPtr ctx, int argc, IntPtr* argv) => Elementwise(ctx, argc, argv, VectorFunction.Multiply);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Concat(IntPtr ctx, int argc, IntPtr* argv)
    {
        try
        {
            var context = VectorFunctionContext.Of(ctx);
            int i = 0;
            var a = VectorArgument.Read(context, argv, argc, ref i);
            var b = VectorArgument.Read(context, argv, argc, ref i);
            if (a.IsNull || b.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            if (a.Element != b.Element)
                throw MixedElements("||", a, b);
            int dimensions = checked(a.Dimensions + b.Dimensions);
            if (a.Element != VectorElement.Bit)
            {
                var joined = new byte[a.Data.Length + b.Data.Length];
                a.Data.CopyTo(joined);
                b.Data.CopyTo(joined.AsSpan(a.Data.Length));
                ResultVector(ctx, a.Element, dimensions, joined);
                return;
            }
            var words = new ulong[VectorElements.BitWords(dimensions)];
            CopyBits(a.Words, a.Dimensions, words, 0);
            CopyBits(b.Words, b.Dimensions, words, a.Dimensions);
            ResultVector(ctx, VectorElement.Bit, dimensions, MemoryMarshal.AsBytes(words.AsSpan()));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Compare(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            var context = VectorFunctionContext.Of(ctx);
            int i = 0;
            var a = VectorArgument.Read(context, argv, argc, ref i);
            var b = VectorArgument.Read(context, argv, argc, ref i);
            if (a.IsNull || b.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            if ((a.Element == VectorElement.Bit) != (b.Element == VectorElement.Bit))
                throw MixedElements("a comparison", a, b);
            rented = ArrayPool<float>.Shared.Rent(a.Dimensions + b.Dimensions);
            var x = a.ToFloats(rented.AsSpan(0, a.Dimensions));
            var y = b.ToFloats(rented.AsSpan(a.Dimensions, b.Dimensions));
            SqliteNative.ResultInt64(ctx, VectorMath.Compare(x, y));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ToText(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            string text;
            if (v.Element == VectorElement.Bit)
            {
                text = VectorMath.FormatBits(v.Words, v.Dimensions);
            }
            else
            {
                rented = ArrayPool<float>.Shared.Rent(Math.Max(1, v.Dimensions));
                text = VectorMath.Format(v.ToFloats(rented));
            }
            ResultText(ctx, text);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    // vs_from_text(text, element, dimensions): dimensions 0 takes any.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FromText(IntPtr ctx, int argc, IntPtr* argv)
    {
        try
        {
            if (argc != 3 || SqliteNative.ValueType(argv[0]) == SqliteNative.Null)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            var element = (VectorElement)SqliteNative.ValueInt64(argv[1]);
            int dimensions = (int)SqliteNative.ValueInt64(argv[2]);
            byte* utf8 = SqliteNative.ValueText(argv[0]);
            int length = SqliteNative.ValueBytes(argv[0]);
            string text = Encoding.UTF8.GetString(utf8, length);
            var (data, count) = VectorValueText.Parse(text, element, dimensions);
            ResultVector(ctx, element, count, data);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
    }

    // vs_cast(vector, element, dimensions): FLOAT32 and HALF convert into each other; dimensions 0 takes any.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Cast(IntPtr ctx, int argc, IntPtr* argv)
    {
        float[]? rented = null;
        try
        {
            int i = 0;
            var v = VectorArgument.Read(VectorFunctionContext.Of(ctx), argv, argc, ref i);
            if (v.IsNull || i + 2 > argc)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            var element = (VectorElement)SqliteNative.ValueInt64(argv[i]);
            int dimensions = (int)SqliteNative.ValueInt64(argv[i + 1]);
            if (dimensions != 0 && dimensions != v.Dimensions)
                throw new VecStoreException(ErrorCode.DimensionMismatch, $"a vector of {v.Dimensions} dimensions cannot be cast to {TypeText(element, dimensions)}");
            if (v.Element == element)
            {
                ResultVector(ctx, element, v.Dimensions, v.Data);
                return;
            }
            if (v.Element == VectorElement.Bit || element == VectorElement.Bit)
                throw new VecStoreException(ErrorCode.TypeMismatch, $"{TypeText(v.Element, v.Dimensions)} cannot be cast to {TypeText(element, dimensions)}; binary_quantize turns a vector into bits");
            rented = ArrayPool<float>.Shared.Rent(Math.Max(1, v.Dimensions));
            ResultFloats(ctx, element, v.ToFloats(rented));
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    // ---- Shared bodies --------------------------------------------------------------------------

    private static void Distance(IntPtr ctx, int argc, IntPtr* argv, VectorFunction function)
    {
        float[]? rented = null;
        try
        {
            var context = VectorFunctionContext.Of(ctx);
            int i = 0;
            var a = VectorArgument.Read(context, argv, argc, ref i);
            var b = VectorArgument.Read(context, argv, argc, ref i);
            if (a.IsNull || b.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            if (a.Dimensions != b.Dimensions)
                throw DifferentDimensions(function, a.Dimensions, b.Dimensions);
            var metric = MetricOf(function);
            bool bits = a.Element == VectorElement.Bit;
            if (bits != (b.Element == VectorElement.Bit) || !VectorElements.Supports(a.Element, metric))
                throw new VecStoreException(ErrorCode.TypeMismatch, bits
                    ? $"{UserName(function)} does not compare bits; compare BIT vectors with hamming_distance (<~>) or jaccard_distance (<%>)"
                    : $"{UserName(function)} compares BIT vectors, not {TypeText(a.Element, a.Dimensions)} and {TypeText(b.Element, b.Dimensions)}");
            float distance;
            if (bits)
            {
                distance = metric == Metric.Hamming ? Indexes.Distance.HammingDistance.Compute(a.Words, b.Words) : Indexes.Distance.JaccardDistance.Compute(a.Words, b.Words);
            }
            else
            {
                // The value side plays the query, as in a search, so a distance here is bit for bit
                // what the same search reports; otherwise whichever side holds floats.
                bool bIsQuery = b.Element == VectorElement.Float32 && (a.Element != VectorElement.Float32 || (a.IsStored && !b.IsStored));
                distance = bIsQuery ? Kernel(metric, b, a, ref rented) : Kernel(metric, a, b, ref rented);
            }
            SqliteNative.ResultDouble(ctx, function == VectorFunction.InnerProduct ? -(double)distance : distance);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    private static float Kernel(Metric metric, in VectorArgument query, in VectorArgument stored, ref float[]? rented)
    {
        ReadOnlySpan<float> floats = query.Element == VectorElement.Float32 ? query.Floats
            : query.ToFloats(rented = ArrayPool<float>.Shared.Rent(Math.Max(1, query.Dimensions)));
        return DistanceKernels.Distance(metric, floats, stored.Data, stored.Element);
    }

    private static void Elementwise(IntPtr ctx, int argc, IntPtr* argv, VectorFunction op)
    {
        float[]? rented = null;
        try
        {
            var context = VectorFunctionContext.Of(ctx);
            int i = 0;
            var a = VectorArgument.Read(context, argv, argc, ref i);
            var b = VectorArgument.Read(context, argv, argc, ref i);
            if (a.IsNull || b.IsNull)
            {
                SqliteNative.ResultNull(ctx);
                return;
            }
            string symbol = op == VectorFunction.Add ? "+" : op == VectorFunction.Subtract ? "-" : "*";
            if (a.Element != b.Element || a.Element == VectorElement.Bit)
                throw MixedElements(symbol, a, b);
            if (a.Dimensions != b.Dimensions)
                throw DifferentDimensions(op, a.Dimensions, b.Dimensions);
            int n = a.Dimensions;
            rented = ArrayPool<float>.Shared.Rent(Math.Max(1, n * 3));
            var x = a.ToFloats(rented.AsSpan(0, n));
            var y = b.ToFloats(rented.AsSpan(n, n));
            var result = rented.AsSpan(2 * n, n);
            VectorMath.Elementwise(op, x, y, result);
            if (a.Element == VectorElement.Float16)
            {
                for (int e = 0; e < n; e++)
                    if (Half.IsInfinity((Half)result[e]))
                        throw VectorMath.Overflow(op, e, x[e], y[e]);
            }
            ResultFloats(ctx, a.Element, result);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            Return(rented);
        }
    }

    // ---- Results and errors ----------------------------------------------------------------------

    /// <summary>Returns a vector value; SQLite copies the bytes.</summary>
    private static void ResultVector(IntPtr ctx, VectorElement element, int dimensions, ReadOnlySpan<byte> data)
    {
        int size = VectorBlob.HeaderSize + data.Length;
        byte* blob = SqliteNative.Malloc(size);
        if (blob == null)
            throw new OutOfMemoryException("SQLite could not allocate a vector value");
        var span = new Span<byte>(blob, size);
        VectorBlob.WriteHeader(span, element, dimensions);
        data.CopyTo(span[VectorBlob.HeaderSize..]);
        // SQLite owns the memory from here and frees it with sqlite3_free.
        SqliteNative.ResultBlob(ctx, blob, size, SqliteNative.Free);
    }

    /// <summary>Returns floats as a vector value of <paramref name="element"/> (FLOAT32, or HALF rounded as pgvector's halfvec does).</summary>
    internal static void ResultFloats(IntPtr ctx, VectorElement element, ReadOnlySpan<float> floats)
    {
        if (element == VectorElement.Float32)
        {
            ResultVector(ctx, element, floats.Length, MemoryMarshal.AsBytes(floats));
            return;
        }
        var halves = new Half[floats.Length];
        for (int i = 0; i < halves.Length; i++)
        {
            halves[i] = (Half)floats[i];
            if (Half.IsInfinity(halves[i]) && float.IsFinite(floats[i]))
                throw new VecStoreException(ErrorCode.InvalidVectorValue, $"vector element {i} is {floats[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, beyond what HALF holds (±65504)");
        }
        ResultVector(ctx, element, floats.Length, MemoryMarshal.AsBytes(halves.AsSpan()));
    }

    private static void ResultText(IntPtr ctx, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = utf8)
            SqliteNative.ResultText(ctx, p, utf8.Length, SqliteNative.Transient);
    }

    /// <summary>Reports a failure to SQLite and keeps the VecStore error for the caller that sees SQLite's.</summary>
    internal static void Fail(IntPtr ctx, Exception ex)
    {
        var error = ex as VecStoreException ?? new VecStoreException(ErrorCode.UnsupportedOperation, "a vector function failed: " + ex.Message, inner: ex);
        FunctionErrors.Record(error);
        byte[] message = Encoding.UTF8.GetBytes(error.Message);
        fixed (byte* p = message)
            SqliteNative.ResultError(ctx, p, message.Length);
    }

    private static void Return(float[]? rented)
    {
        if (rented is not null)
            ArrayPool<float>.Shared.Return(rented);
    }

    private static void CopyBits(ReadOnlySpan<ulong> source, int count, Span<ulong> destination, int offset)
    {
        for (int i = 0; i < count; i++)
            if ((source[i >> 6] >> (i & 63) & 1) != 0)
                destination[(offset + i) >> 6] |= 1UL << ((offset + i) & 63);
    }

    private static void RequireNumeric(in VectorArgument v, string function)
    {
        if (v.Element == VectorElement.Bit)
            throw new VecStoreException(ErrorCode.TypeMismatch, $"{function} takes a VECTOR or a VECTOR HALF, not {TypeText(v.Element, v.Dimensions)}");
    }

    private static Metric MetricOf(VectorFunction function) => function switch
    {
        VectorFunction.L2Distance => Metric.L2,
        VectorFunction.CosineDistance => Metric.Cosine,
        VectorFunction.L1Distance => Metric.L1,
        VectorFunction.HammingDistance => Metric.Hamming,
        VectorFunction.JaccardDistance => Metric.Jaccard,
        _ => Metric.InnerProduct,
    };

    /// <summary>The name a user writes for a function, for messages.</summary>
    internal static string UserName(VectorFunction function) => function switch
    {
        VectorFunction.L2Distance => "l2_distance",
        VectorFunction.CosineDistance => "cosine_distance",
        VectorFunction.InnerProduct => "inner_product",
        VectorFunction.NegativeInnerProduct => "<#>",
        VectorFunction.L1Distance => "l1_distance",
        VectorFunction.HammingDistance => "hamming_distance",
        VectorFunction.JaccardDistance => "jaccard_distance",
        VectorFunction.Add => "+",
        VectorFunction.Subtract => "-",
        VectorFunction.Multiply => "*",
        VectorFunction.Concat => "||",
        VectorFunction.Average => "avg",
        VectorFunction.Sum => "sum",
        _ => SqlName(function)[3..],
    };

    internal static VecStoreException DifferentDimensions(VectorFunction function, int a, int b)
        => new(ErrorCode.DimensionMismatch, $"{UserName(function)}: the vectors have different dimensions, {a} and {b}");

    private static VecStoreException MixedElements(string what, in VectorArgument a, in VectorArgument b)
        => new(ErrorCode.TypeMismatch, $"{what} needs two vectors of one type, not {TypeText(a.Element, a.Dimensions)} and {TypeText(b.Element, b.Dimensions)}; CAST one of them");

    /// <summary>The SQL type of a vector: VECTOR(3), VECTOR(3) HALF, BIT(8); without dimensions when they are 0 (any).</summary>
    public static string TypeText(VectorElement element, int dimensions)
    {
        string n = dimensions > 0 ? "(" + dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : "";
        return element switch
        {
            VectorElement.Float16 => $"VECTOR{n} HALF",
            VectorElement.Bit => $"BIT{n}",
            _ => $"VECTOR{n}",
        };
    }
}
