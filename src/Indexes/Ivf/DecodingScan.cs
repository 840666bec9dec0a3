using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;

namespace VecStore.Indexes.Ivf;

/// <summary>Scores the codes of a short list without a distance table: each code's codewords are compared with the query's residual directly.</summary>
/// <remarks>
/// <para>
/// A table costs 256 codewords × d multiply-adds whatever the list holds, and the scan then adds
/// M entries per code; comparing a code's own M codewords with the residual costs d per code. For
/// a list of fewer codes than a slice has codewords the direct way does less arithmetic and reads
/// only the codewords the list uses instead of all 256·d floats, which also leaves the caches to
/// the rest of the search. On fashion-mnist (d = 784, M = 98, about 60 codes a list, ivfpq
/// harness) a probed list cost about 8.5 µs this way against 19 µs with table and scan.
/// </para>
/// <para>
/// The score is the same quantity, ‖residual − decoded code‖², summed in another order (per
/// register lane, then across lanes), so it can differ from the table's in the last bits; it
/// only picks candidates, and the refine computes exact distances. Used for L2 and cosine, whose
/// tables depend on the list; inner product shares one table across lists and keeps it.
/// </para>
/// </remarks>
internal static class DecodingScan
{
    private const int Codewords = ProductQuantizer.Codewords;

    /// <summary>Whether a list of <paramref name="count"/> codes is cheaper to score directly, and the slices fit whole registers.</summary>
    public static bool Suits(int count, int subDimensions) =>
        count < Codewords && Vector.IsHardwareAccelerated && subDimensions % Vector<float>.Count == 0;

    /// <summary>Offers every live code of <paramref name="view"/> accepted by <paramref name="filter"/> to <paramref name="top"/>, scored as its squared distance to <paramref name="residual"/>.</summary>
    /// <param name="residual">The query minus the list's centroid.</param>
    /// <param name="codebooks">The codebooks codeword by codeword (<see cref="ProductQuantizer.Codebooks"/>).</param>
    /// <param name="subDimensions">Elements per slice, a multiple of <see cref="Vector{T}.Count"/> (see <see cref="Suits"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan<TFilter>(ReadOnlySpan<float> residual, ReadOnlySpan<float> codebooks, int subDimensions, ListView view, int list, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        int m = residual.Length / subDimensions;
        int w = Vector<float>.Count;
        nuint sliceFloats = (nuint)(Codewords * subDimensions);
        ref float r = ref MemoryMarshal.GetReference(residual);
        ref float books = ref MemoryMarshal.GetReference(codebooks);
        ref byte codes = ref MemoryMarshal.GetReference(view.Data);
        for (int i = 0; i < view.Count; i++)
        {
            ref byte code = ref Unsafe.Add(ref codes, i * m);

            // Two slices a step, each into its own accumulator, to overlap the codeword loads.
            Vector<float> acc0 = Vector<float>.Zero;
            Vector<float> acc1 = Vector<float>.Zero;
            ref float slice = ref books;
            ref float part = ref r;
            int j = 0;
            for (; j + 2 <= m; j += 2)
            {
                ref float word0 = ref Unsafe.Add(ref slice, (nint)(Unsafe.Add(ref code, j) * subDimensions));
                ref float word1 = ref Unsafe.Add(ref slice, (nint)(sliceFloats + (nuint)(Unsafe.Add(ref code, j + 1) * subDimensions)));
                for (int s = 0; s < subDimensions; s += w)
                {
                    Vector<float> d0 = Vector.LoadUnsafe(ref part, (nuint)s) - Vector.LoadUnsafe(ref word0, (nuint)s);
                    Vector<float> d1 = Vector.LoadUnsafe(ref part, (nuint)(subDimensions + s)) - Vector.LoadUnsafe(ref word1, (nuint)s);
                    acc0 = Vector.MultiplyAddEstimate(d0, d0, acc0);
                    acc1 = Vector.MultiplyAddEstimate(d1, d1, acc1);
                }

                slice = ref Unsafe.Add(ref slice, (nint)(2 * sliceFloats));
                part = ref Unsafe.Add(ref part, 2 * subDimensions);
            }

            if (j < m)
            {
                ref float word = ref Unsafe.Add(ref slice, (nint)(Unsafe.Add(ref code, j) * subDimensions));
                for (int s = 0; s < subDimensions; s += w)
                {
                    Vector<float> d = Vector.LoadUnsafe(ref part, (nuint)s) - Vector.LoadUnsafe(ref word, (nuint)s);
                    acc0 = Vector.MultiplyAddEstimate(d, d, acc0);
                }
            }

            CodeScan.Offer(view, list, i, Vector.Sum(acc0 + acc1), filter, ref top);
        }
    }

    /// <summary>The squared distance from <paramref name="residual"/> to the decoded <paramref name="code"/>, element by element: the plain loop the kernel is tested against.</summary>
    public static float Score(ReadOnlySpan<float> residual, ReadOnlySpan<float> codebooks, int subDimensions, ReadOnlySpan<byte> code)
    {
        float sum = 0;
        for (int j = 0; j < code.Length; j++)
        {
            ReadOnlySpan<float> word = codebooks.Slice(((j * Codewords) + code[j]) * subDimensions, subDimensions);
            for (int s = 0; s < subDimensions; s++)
            {
                float d = residual[(j * subDimensions) + s] - word[s];
                sum += d * d;
            }
        }

        return sum;
    }
}
