using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Collections;

namespace VecStore.Indexes.Ivf;

/// <summary>Scores the M-byte codes of an inverted list with a distance table and offers the good ones to a <see cref="TopK"/>: the inner loop of an IVFPQ search.</summary>
/// <remarks>
/// <para>
/// A code's score is the list's bias plus one table entry per slice, <c>table[j·256 + code[j]]</c>,
/// added in slice order. Added one after another these form a chain in which every addition waits
/// for the one before (3-4 cycles each); the kernel scores four codes at once, so the core runs
/// four independent chains, and reads each code eight bytes at a time, so eight byte loads become
/// one load and shifts and the table lookups have the load ports to themselves.
/// </para>
/// <para>
/// Each code still adds its entries in slice order starting from the bias, so every score is
/// bit for bit what <see cref="Score"/> gives (and what the one-code-at-a-time loop gave).
/// </para>
/// </remarks>
internal static class CodeScan
{
    private const int Codewords = ProductQuantizer.Codewords;

    /// <summary>Offers every live code of <paramref name="view"/> accepted by <paramref name="filter"/> to <paramref name="top"/>, under its location in list <paramref name="list"/>, scored as <paramref name="bias"/> plus its table entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan<TFilter>(ReadOnlySpan<float> table, float bias, ListView view, int list, int m, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        ref float t = ref MemoryMarshal.GetReference(table);
        ref byte codes = ref MemoryMarshal.GetReference(view.Data);
        int count = view.Count;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            ref byte first = ref Unsafe.Add(ref codes, i * m);
            float s0 = bias;
            float s1 = bias;
            float s2 = bias;
            float s3 = bias;
            int j = 0;
            for (; j + 8 <= m; j += 8)
            {
                ref float rows = ref Unsafe.Add(ref t, j * Codewords);
                s0 = AddEight(s0, ref rows, ref Unsafe.Add(ref first, j));
                s1 = AddEight(s1, ref rows, ref Unsafe.Add(ref first, m + j));
                s2 = AddEight(s2, ref rows, ref Unsafe.Add(ref first, (2 * m) + j));
                s3 = AddEight(s3, ref rows, ref Unsafe.Add(ref first, (3 * m) + j));
            }

            for (; j < m; j++)
            {
                ref float row = ref Unsafe.Add(ref t, j * Codewords);
                s0 += Unsafe.Add(ref row, Unsafe.Add(ref first, j));
                s1 += Unsafe.Add(ref row, Unsafe.Add(ref first, m + j));
                s2 += Unsafe.Add(ref row, Unsafe.Add(ref first, (2 * m) + j));
                s3 += Unsafe.Add(ref row, Unsafe.Add(ref first, (3 * m) + j));
            }

            // Once the heap is full most groups of four lose all at once.
            if (Vector128.LessThanOrEqualAny(Vector128.Create(s0, s1, s2, s3), Vector128.Create(top.Threshold)))
            {
                Offer(view, list, i, s0, filter, ref top);
                Offer(view, list, i + 1, s1, filter, ref top);
                Offer(view, list, i + 2, s2, filter, ref top);
                Offer(view, list, i + 3, s3, filter, ref top);
            }
        }

        for (; i < count; i++)
        {
            Offer(view, list, i, Score(table, bias, view.Data.Slice(i * m, m)), filter, ref top);
        }
    }

    /// <summary><paramref name="bias"/> plus a code's table entries, added in slice order: the plain loop the kernel is tested against.</summary>
    public static float Score(ReadOnlySpan<float> table, float bias, ReadOnlySpan<byte> code)
    {
        float sum = bias;
        for (int j = 0; j < code.Length; j++)
        {
            sum += table[(j * Codewords) + code[j]];
        }

        return sum;
    }

    /// <summary>Adds the entries of eight slices, in order, for the eight code bytes at <paramref name="code"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float AddEight(float sum, ref float rows, ref byte code)
    {
        ulong bytes = BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref code, sizeof(ulong)));
        sum += Unsafe.Add(ref rows, (int)(bytes & 0xFF));
        sum += Unsafe.Add(ref rows, Codewords + (int)((bytes >> 8) & 0xFF));
        sum += Unsafe.Add(ref rows, (2 * Codewords) + (int)((bytes >> 16) & 0xFF));
        sum += Unsafe.Add(ref rows, (3 * Codewords) + (int)((bytes >> 24) & 0xFF));
        sum += Unsafe.Add(ref rows, (4 * Codewords) + (int)((bytes >> 32) & 0xFF));
        sum += Unsafe.Add(ref rows, (5 * Codewords) + (int)((bytes >> 40) & 0xFF));
        sum += Unsafe.Add(ref rows, (6 * Codewords) + (int)((bytes >> 48) & 0xFF));
        sum += Unsafe.Add(ref rows, (7 * Codewords) + (int)(bytes >> 56));
        return sum;
    }

    /// <summary>Offers the code at <paramref name="position"/> under its location when its score can make the cut, it is live and the filter accepts its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Offer<TFilter>(ListView view, int list, int position, float score, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        if (score <= top.Threshold && !view.IsDeleted(position) && filter.Accepts(view.Ids[position]))
        {
            top.TryAdd(IvfChecks.Location(list, position), score);
        }
    }
}
