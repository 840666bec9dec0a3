using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using VecStore.Indexes;
using VecStore.Indexes.Distance;

namespace VecStore.Storage.Functions;

/// <summary>VecStore's SQL functions as SQLite calls them: registration on a connection, and one entry point per function.</summary>
/// <remarks>
/// Every entry point runs its body through <see cref="Invoke{T}"/>, which catches everything: an
/// exception must never cross into SQLite. A failure is recorded (<see cref="FunctionErrors"/>) and
/// reported to SQLite, which fails the statement. Functions return NULL when a vector argument is
/// NULL, as pgvector's strict functions do. The bodies are in VectorFunctions.Bodies.cs.
/// </remarks>
public static unsafe partial class VectorFunctions
{
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
        Create(db, context, VectorFunction.Vector, &Vector, null, null);
        Create(db, context, VectorFunction.L2Distance, &L2Distance, null, null);
        Create(db, context, VectorFunction.CosineDistance, &CosineDistance, null, null);
        Create(db, context, VectorFunction.InnerProduct, &InnerProduct, null, null);
        Create(db, context, VectorFunction.NegativeInnerProduct, &NegativeInnerProduct, null, null);
        Create(db, context, VectorFunction.L1Distance, &L1Distance, null, null);
        Create(db, context, VectorFunction.HammingDistance, &HammingDistance, null, null);
        Create(db, context, VectorFunction.JaccardDistance, &JaccardDistance, null, null);
        Create(db, context, VectorFunction.Dimensions, &Dimensions, null, null);
        Create(db, context, VectorFunction.Norm, &Norm, null, null);
        Create(db, context, VectorFunction.Normalize, &Normalize, null, null);
        Create(db, context, VectorFunction.Subvector, &Subvector, null, null);
        Create(db, context, VectorFunction.BinaryQuantize, &BinaryQuantize, null, null);
        Create(db, context, VectorFunction.Add, &Add, null, null);
        Create(db, context, VectorFunction.Subtract, &Subtract, null, null);
        Create(db, context, VectorFunction.Multiply, &Multiply, null, null);
        Create(db, context, VectorFunction.Concat, &Concat, null, null);
        Create(db, context, VectorFunction.Compare, &Compare, null, null);
        Create(db, context, VectorFunction.ToText, &ToText, null, null);
        Create(db, context, VectorFunction.FromText, &FromText, null, null);
        Create(db, context, VectorFunction.Cast, &Cast, null, null);
        Create(db, context, VectorFunction.Average, null, &AverageStep, &AverageFinal);
        Create(db, context, VectorFunction.Sum, null, &SumStep, &SumFinal);
    }

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

    /// <summary>Runs one call of a function body; whatever it throws becomes SQLite's error for the statement.</summary>
    private static void Invoke<T>(IntPtr ctx, int argc, IntPtr* argv) where T : ISqlFunction
    {
        var call = new SqlFunctionCall(ctx, argc, argv);
        try
        {
            T.Run(ref call);
        }
        catch (Exception ex)
        {
            Fail(ctx, ex);
        }
        finally
        {
            call.Dispose();
        }
    }

    // ---- Entry points: one per function, each compiled for its body ---------------------------------

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Vector(IntPtr ctx, int argc, IntPtr* argv) => Invoke<VectorBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void L2Distance(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<L2>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void CosineDistance(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<Cosine>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void InnerProduct(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<Dot>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void NegativeInnerProduct(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<NegativeDot>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void L1Distance(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<L1>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void HammingDistance(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<Hamming>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void JaccardDistance(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DistanceBody<Jaccard>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Dimensions(IntPtr ctx, int argc, IntPtr* argv) => Invoke<DimensionsBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Norm(IntPtr ctx, int argc, IntPtr* argv) => Invoke<NormBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Normalize(IntPtr ctx, int argc, IntPtr* argv) => Invoke<NormalizeBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Subvector(IntPtr ctx, int argc, IntPtr* argv) => Invoke<SubvectorBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void BinaryQuantize(IntPtr ctx, int argc, IntPtr* argv) => Invoke<BinaryQuantizeBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Add(IntPtr ctx, int argc, IntPtr* argv) => Invoke<ElementwiseBody<AddOp>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Subtract(IntPtr ctx, int argc, IntPtr* argv) => Invoke<ElementwiseBody<SubtractOp>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Multiply(IntPtr ctx, int argc, IntPtr* argv) => Invoke<ElementwiseBody<MultiplyOp>>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Concat(IntPtr ctx, int argc, IntPtr* argv) => Invoke<ConcatBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Compare(IntPtr ctx, int argc, IntPtr* argv) => Invoke<CompareBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ToText(IntPtr ctx, int argc, IntPtr* argv) => Invoke<ToTextBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FromText(IntPtr ctx, int argc, IntPtr* argv) => Invoke<FromTextBody>(ctx, argc, argv);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Cast(IntPtr ctx, int argc, IntPtr* argv) => Invoke<CastBody>(ctx, argc, argv);

    // ---- Errors ------------------------------------------------------------------------------------

    /// <summary>Reports a failure to SQLite and keeps the VecStore error for the caller that sees SQLite's.</summary>
    internal static void Fail(IntPtr ctx, Exception ex)
    {
        var error = ex as VecStoreException ?? new VecStoreException(ErrorCode.UnsupportedOperation, "a vector function failed: " + ex.Message, inner: ex);
        FunctionErrors.Record(error);
        byte[] message = Encoding.UTF8.GetBytes(error.Message);
        fixed (byte* p = message)
            SqliteNative.ResultError(ctx, p, message.Length);
    }

    private static void RequireNumeric(in VectorArgument v, string function)
    {
        if (v.Element == VectorElement.Bit)
            throw new VecStoreException(ErrorCode.TypeMismatch, $"{function} takes a VECTOR or a VECTOR HALF, not {TypeText(v.Element, v.Dimensions)}");
    }

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
