using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VecStore.Indexes.Ivf;

/// <summary>Fills the lookup tables of product-quantized search: per slice, one score for each of the 256 codewords against that slice of the query.</summary>
/// <remarks>
/// <para>
/// The codebooks are read element-major (<see cref="ProductQuantizer.Columns"/>): for slice j and
/// element s of it, the 256 codewords' values are contiguous, so one register holds the same
/// element of several codewords and the table is accumulated for many codewords at once with no
/// horizontal sums. Scoring each codeword on its own, as a dot product of d/M elements, spent
/// most of the time in call and reduction overhead (for d/M = 8, 98 × 256 calls a list).
/// </para>
/// <para>
/// One <see cref="Vector{T}"/> path serves every register width: 256 is a multiple of each.
/// Per codeword the elements are added in order with a multiply-add, so the entries may differ
/// from <see cref="Scalar{TTerm}"/>, and from a per-codeword dot product, in the last bits. They
/// only choose candidates; the refine computes exact distances.
/// </para>
/// </remarks>
internal static class DistanceTable
{
    private const int Codewords = ProductQuantizer.Codewords;

    /// <summary>Entry <c>j·256 + c</c>: the squared distance from slice j of <paramref name="query"/> to codeword c of that slice.</summary>
    public static void SquaredL2(ReadOnlySpan<float> query, ReadOnlySpan<float> columns, int subDimensions, Span<float> table) =>
        Fill<SquaredDifference>(query, columns, subDimensions, table);

    /// <summary>Entry <c>j·256 + c</c>: minus the dot product of slice j of <paramref name="query"/> with codeword c of that slice.</summary>
    public static void NegatedDot(ReadOnlySpan<float> query, ReadOnlySpan<float> columns, int subDimensions, Span<float> table) =>
        Fill<NegatedProduct>(query, columns, subDimensions, table);

    /// <summary>The plain loop the vectorised path is tested against.</summary>
    internal static void Scalar<TTerm>(ReadOnlySpan<float> query, ReadOnlySpan<float> columns, int subDimensions, Span<float> table)
        where TTerm : struct, ITerm
    {
        int m = query.Length / subDimensions;
        for (int j = 0; j < m; j++)
        {
            for (int c = 0; c < Codewords; c++)
            {
                float sum = 0;
                for (int s = 0; s < subDimensions; s++)
                {
                    sum = TTerm.Add(sum, columns[(((j * subDimensions) + s) * Codewords) + c], query[(j * subDimensions) + s]);
                }

                table[(j * Codewords) + c] = sum;
            }
        }
    }

    private static void Fill<TTerm>(ReadOnlySpan<float> query, ReadOnlySpan<float> columns, int subDimensions, Span<float> table)
        where TTerm : struct, ITerm
    {
        if (columns.Length != query.Length * Codewords || table.Length < (query.Length / subDimensions) * Codewords)
        {
            ThrowHelper.LengthMismatch(nameof(columns), query.Length * Codewords, columns.Length);
        }

        if (!Vector.IsHardwareAccelerated)
        {
            Scalar<TTerm>(query, columns, subDimensions, table);
            return;
        }

        int w = Vector<float>.Count;
        int m = query.Length / subDimensions;
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float words = ref MemoryMarshal.GetReference(columns);
        ref float row = ref MemoryMarshal.GetReference(table);
        for (int j = 0; j < m; j++)
        {
            // Four registers of codewords at a time: independent accumulators hide the multiply-add latency.
            for (nuint c = 0; c < Codewords; c += (nuint)(4 * w))
            {
                Vector<float> acc0 = Vector<float>.Zero;
                Vector<float> acc1 = Vector<float>.Zero;
                Vector<float> acc2 = Vector<float>.Zero;
                Vector<float> acc3 = Vector<float>.Zero;
                for (int s = 0; s < subDimensions; s++)
                {
                    ref float element = ref Unsafe.Add(ref words, (nint)(((j * subDimensions) + s) * Codewords));
                    var e = new Vector<float>(Unsafe.Add(ref q, (j * subDimensions) + s));
                    acc0 = TTerm.Add(acc0, Vector.LoadUnsafe(ref element, c), e);
                    acc1 = TTerm.Add(acc1, Vector.LoadUnsafe(ref element, c + (nuint)w), e);
                    acc2 = TTerm.Add(acc2, Vector.LoadUnsafe(ref element, c + (nuint)(2 * w)), e);
                    acc3 = TTerm.Add(acc3, Vector.LoadUnsafe(ref element, c + (nuint)(3 * w)), e);
                }

                ref float target = ref Unsafe.Add(ref row, (nint)(j * Codewords));
                acc0.StoreUnsafe(ref target, c);
                acc1.StoreUnsafe(ref target, c + (nuint)w);
                acc2.StoreUnsafe(ref target, c + (nuint)(2 * w));
                acc3.StoreUnsafe(ref target, c + (nuint)(3 * w));
            }
        }
    }

    /// <summary>What one element of a codeword adds to its table entry, as a struct type parameter.</summary>
    internal interface ITerm
    {
        static abstract float Add(float sum, float word, float query);

        static abstract Vector<float> Add(Vector<float> sum, Vector<float> words, Vector<float> query);
    }

    /// <summary>Adds <c>(word − query)²</c>.</summary>
    internal readonly struct SquaredDifference : ITerm
    {
        public static float Add(float sum, float word, float query)
        {
            float d = word - query;
            return sum + (d * d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Add(Vector<float> sum, Vector<float> words, Vector<float> query)
        {
            Vector<float> d = words - query;
            return Vector.MultiplyAddEstimate(d, d, sum);
        }
    }

    /// <summary>Adds <c>−word · query</c>.</summary>
    internal readonly struct NegatedProduct : ITerm
    {
        public static float Add(float sum, float word, float query) => sum - (word * query);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Add(Vector<float> sum, Vector<float> words, Vector<float> query) =>
            Vector.MultiplyAddEstimate(-words, query, sum);
    }
}
