using System.Runtime.InteropServices;
using VecStore.Indexes;
using VecStore.Indexes.Distance;

namespace VecStore.Storage.Functions;

// The bodies of the scalar functions: each reads its arguments from the call and sets one result.
public static partial class VectorFunctions
{
    private readonly struct VectorBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
                call.ReturnNull();
            else
                call.ReturnVector(v.Element, v.Dimensions, v.Data);
        }
    }

    /// <summary>Which distance a distance body computes.</summary>
    private interface IDistanceKind
    {
        static abstract VectorFunction Function { get; }

        static abstract Metric Metric { get; }
    }

    private readonly struct L2 : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.L2Distance;

        public static Metric Metric => Metric.L2;
    }

    private readonly struct Cosine : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.CosineDistance;

        public static Metric Metric => Metric.Cosine;
    }

    private readonly struct Dot : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.InnerProduct;

        public static Metric Metric => Metric.InnerProduct;
    }

    private readonly struct NegativeDot : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.NegativeInnerProduct;

        public static Metric Metric => Metric.InnerProduct;
    }

    private readonly struct L1 : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.L1Distance;

        public static Metric Metric => Metric.L1;
    }

    private readonly struct Hamming : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.HammingDistance;

        public static Metric Metric => Metric.Hamming;
    }

    private readonly struct Jaccard : IDistanceKind
    {
        public static VectorFunction Function => VectorFunction.JaccardDistance;

        public static Metric Metric => Metric.Jaccard;
    }

    /// <summary>A distance between two vectors: VecStore's kernels, so a value is bit for bit what a search reports.</summary>
    private readonly struct DistanceBody<TKind> : ISqlFunction where TKind : IDistanceKind
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var a = call.Vector();
            var b = call.Vector();
            if (a.IsNull || b.IsNull)
            {
                call.ReturnNull();
                return;
            }
            var function = TKind.Function;
            if (a.Dimensions != b.Dimensions)
                throw DifferentDimensions(function, a.Dimensions, b.Dimensions);
            bool bits = a.Element == VectorElement.Bit;
            if (bits != (b.Element == VectorElement.Bit) || !VectorElements.Supports(a.Element, TKind.Metric))
                throw new VecStoreException(ErrorCode.TypeMismatch, bits
                    ? $"{UserName(function)} does not compare bits; compare BIT vectors with hamming_distance (<~>) or jaccard_distance (<%>)"
                    : $"{UserName(function)} compares BIT vectors, not {TypeText(a.Element, a.Dimensions)} and {TypeText(b.Element, b.Dimensions)}");
            double distance;
            if (bits)
            {
                distance = TKind.Metric == Metric.Hamming ? Indexes.Distance.HammingDistance.Compute(a.Words, b.Words) : Indexes.Distance.JaccardDistance.Compute(a.Words, b.Words);
            }
            else
            {
                // The value side plays the query, as in a search, so that a distance here is bit for bit
                // what the same search reports; otherwise whichever side holds floats.
                bool bIsQuery = b.Element == VectorElement.Float32 && (a.Element != VectorElement.Float32 || (a.IsStored && !b.IsStored));
                distance = bIsQuery
                    ? DistanceKernels.Distance(TKind.Metric, call.Floats(b), a.Data, a.Element)
                    : DistanceKernels.Distance(TKind.Metric, call.Floats(a), b.Data, b.Element);
            }
            call.Return(function == VectorFunction.InnerProduct ? -(double)distance : distance);
        }
    }

    private readonly struct DimensionsBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
                call.ReturnNull();
            else
                call.Return(v.Dimensions);
        }
    }

    private readonly struct NormBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
            {
                call.ReturnNull();
                return;
            }
            RequireNumeric(v, "vector_norm");
            call.Return(VectorMath.Norm(call.Floats(v)));
        }
    }

    private readonly struct NormalizeBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
            {
                call.ReturnNull();
                return;
            }
            RequireNumeric(v, "l2_normalize");
            var result = call.Scratch(v.Dimensions);
            VectorMath.Normalize(call.Floats(v), result);
            call.ReturnFloats(v.Element, result);
        }
    }

    // subvector(vector, start, count): start is 1-based; see VectorMath.SubvectorRange.
    private readonly struct SubvectorBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            IntPtr start = call.Value(), count = call.Value();
            if (v.IsNull || SqlFunctionCall.IsNull(start) || SqlFunctionCall.IsNull(count))
            {
                call.ReturnNull();
                return;
            }
            RequireNumeric(v, "subvector");
            var (first, length) = VectorMath.SubvectorRange(v.Dimensions, SqlFunctionCall.Int64(start), SqlFunctionCall.Int64(count));
            int size = v.Element == VectorElement.Float32 ? sizeof(float) : 2;
            call.ReturnVector(v.Element, length, v.Data.Slice(first * size, length * size));
        }
    }

    private readonly struct BinaryQuantizeBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
            {
                call.ReturnNull();
                return;
            }
            RequireNumeric(v, "binary_quantize");
            var floats = call.Floats(v);
            var words = new ulong[VectorElements.BitWords(v.Dimensions)];
            for (int e = 0; e < floats.Length; e++)
                if (floats[e] > 0)
                    words[e >> 6] |= 1UL << (e & 63);
            call.ReturnVector(VectorElement.Bit, v.Dimensions, MemoryMarshal.AsBytes(words.AsSpan()));
        }
    }

    /// <summary>Which elementwise operation an elementwise body computes.</summary>
    private interface IElementwise
    {
        static abstract VectorFunction Function { get; }
    }

    private readonly struct AddOp : IElementwise
    {
        public static VectorFunction Function => VectorFunction.Add;
    }

    private readonly struct SubtractOp : IElementwise
    {
        public static VectorFunction Function => VectorFunction.Subtract;
    }

    private readonly struct MultiplyOp : IElementwise
    {
        public static VectorFunction Function => VectorFunction.Multiply;
    }

    /// <summary>Elementwise + - * of two vectors of one element type: float32 arithmetic, HALF results rounded and checked.</summary>
    private readonly struct ElementwiseBody<TOp> : ISqlFunction where TOp : IElementwise
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var a = call.Vector();
            var b = call.Vector();
            if (a.IsNull || b.IsNull)
            {
                call.ReturnNull();
                return;
            }
            var op = TOp.Function;
            if (a.Element != b.Element || a.Element == VectorElement.Bit)
                throw MixedElements(UserName(op), a, b);
            if (a.Dimensions != b.Dimensions)
                throw DifferentDimensions(op, a.Dimensions, b.Dimensions);
            var x = call.Floats(a);
            var y = call.Floats(b);
            var result = call.Scratch(a.Dimensions);
            VectorMath.Elementwise(op, x, y, result);
            if (a.Element == VectorElement.Float16)
            {
                for (int e = 0; e < result.Length; e++)
                    if (Half.IsInfinity((Half)result[e]))
                        throw VectorMath.Overflow(op, e, x[e], y[e]);
            }
            call.ReturnFloats(a.Element, result);
        }
    }

    private readonly struct ConcatBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var a = call.Vector();
            var b = call.Vector();
            if (a.IsNull || b.IsNull)
            {
                call.ReturnNull();
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
                call.ReturnVector(a.Element, dimensions, joined);
                return;
            }
            var words = new ulong[VectorElements.BitWords(dimensions)];
            CopyBits(a.Words, a.Dimensions, words, 0);
            CopyBits(b.Words, b.Dimensions, words, a.Dimensions);
            call.ReturnVector(VectorElement.Bit, dimensions, MemoryMarshal.AsBytes(words.AsSpan()));
        }

        private static void CopyBits(ReadOnlySpan<ulong> source, int count, Span<ulong> destination, int offset)
        {
            for (int i = 0; i < count; i++)
                if ((source[i >> 6] >> (i & 63) & 1) != 0)
                    destination[(offset + i) >> 6] |= 1UL << ((offset + i) & 63);
        }
    }

    private readonly struct CompareBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var a = call.Vector();
            var b = call.Vector();
            if (a.IsNull || b.IsNull)
            {
                call.ReturnNull();
                return;
            }
            if ((a.Element == VectorElement.Bit) != (b.Element == VectorElement.Bit))
                throw MixedElements("a comparison", a, b);
            var x = a.Element == VectorElement.Bit ? a.ToFloats(call.Scratch(a.Dimensions)) : call.Floats(a);
            var y = b.Element == VectorElement.Bit ? b.ToFloats(call.Scratch(b.Dimensions)) : call.Floats(b);
            call.Return(VectorMath.Compare(x, y));
        }
    }

    private readonly struct ToTextBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            if (v.IsNull)
                call.ReturnNull();
            else
                call.Return(v.Element == VectorElement.Bit ? VectorMath.FormatBits(v.Words, v.Dimensions) : VectorMath.Format(call.Floats(v)));
        }
    }

    // vs_from_text(text, element, dimensions): dimensions 0 takes any.
    private readonly struct FromTextBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            IntPtr text = call.Value(), element = call.Value(), dimensions = call.Value();
            if (SqlFunctionCall.IsNull(text) || SqlFunctionCall.IsNull(element) || SqlFunctionCall.IsNull(dimensions))
            {
                call.ReturnNull();
                return;
            }
            var type = (VectorElement)SqlFunctionCall.Int64(element);
            var (data, count) = VectorValueText.Parse(SqlFunctionCall.Text(text), type, (int)SqlFunctionCall.Int64(dimensions));
            call.ReturnVector(type, count, data);
        }
    }

    // vs_cast(vector, element, dimensions): FLOAT32 and HALF convert into each other; dimensions 0 takes any.
    private readonly struct CastBody : ISqlFunction
    {
        public static void Run(ref SqlFunctionCall call)
        {
            var v = call.Vector();
            IntPtr elementValue = call.Value(), dimensionsValue = call.Value();
            if (v.IsNull || SqlFunctionCall.IsNull(elementValue) || SqlFunctionCall.IsNull(dimensionsValue))
            {
                call.ReturnNull();
                return;
            }
            var element = (VectorElement)SqlFunctionCall.Int64(elementValue);
            int dimensions = (int)SqlFunctionCall.Int64(dimensionsValue);
            if (dimensions != 0 && dimensions != v.Dimensions)
                throw new VecStoreException(ErrorCode.DimensionMismatch, $"a vector of {v.Dimensions} dimensions cannot be cast to {TypeText(element, dimensions)}");
            if (v.Element == element)
                call.ReturnVector(element, v.Dimensions, v.Data);
            else if (v.Element == VectorElement.Bit || element == VectorElement.Bit)
                throw new VecStoreException(ErrorCode.TypeMismatch, $"{TypeText(v.Element, v.Dimensions)} cannot be cast to {TypeText(element, dimensions)}; binary_quantize turns a vector into bits");
            else
                call.ReturnFloats(element, call.Floats(v));
        }
    }
}
