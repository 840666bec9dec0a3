using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VecStore.Indexes.Distance;

/// <summary>The Jaccard distance between two bit vectors: one minus the share of set bits they have in common.</summary>
/// <remarks>
/// <c>1 - |a AND b| / |a OR b|</c>, in [0, 1], and 0 when both vectors are all zero. Vectors are
/// packed into 64-bit words (<see cref="VectorElement.Bit"/>); unused bits of the last word must
/// be zero. The counts are exact, so every path gives the same distance bit for bit.
/// </remarks>
public static class JaccardDistance
{
    /// <summary>Returns <c>1 - |a AND b| / |a OR b|</c>, or 0 when both are all zero.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Compute(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    internal static float Compute(ref ulong a, ref ulong b, int words)
    {
        int intersection = Counts(ref a, ref b, words, out int union);
        return FromCounts(intersection, union);
    }

    /// <summary>The distance from the two counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FromCounts(int intersection, int union) =>
        union == 0 ? 0f : (float)((double)(union - intersection) / union);

    /// <summary>Returns <c>|a AND b|</c> and sets <paramref name="union"/> to <c>|a OR b|</c>.</summary>
    internal static int Counts(ref ulong a, ref ulong b, int words, out int union)
    {
        // Measured on AVX-512 hardware: the 512-bit path wins from two registers' worth of words,
        // below that its reduction and tail mask cost more than they save; the unrolled popcount
        // loses to the table lookup from two words on.
        if (Avx512BW.IsSupported && words >= 2 * Vector512<ulong>.Count)
        {
            return Vector512Path(ref a, ref b, words, out union);
        }

        if (Avx2.IsSupported && words >= Vector256<ulong>.Count)
        {
            return Vector256Path(ref a, ref b, words, out union);
        }

        if (Ssse3.IsSupported && words >= Vector128<ulong>.Count)
        {
            return Vector128Path(ref a, ref b, words, out union);
        }

        return Unrolled(ref a, ref b, words, out union);
    }

    /// <summary>The plain loop that the faster paths are tested against.</summary>
    internal static int Scalar(ref ulong a, ref ulong b, int words, out int union)
    {
        int both = 0, either = 0;
        for (int i = 0; i < words; i++)
        {
            ulong x = Unsafe.Add(ref a, i);
            ulong y = Unsafe.Add(ref b, i);
            both += BitOperations.PopCount(x & y);
            either += BitOperations.PopCount(x | y);
        }

        union = either;
        return both;
    }

    /// <summary>Two words a step, each count into its own sum, for inputs too short for a vector register.</summary>
    internal static int Unrolled(ref ulong a, ref ulong b, int words, out int union)
    {
        int both0 = 0, both1 = 0, either0 = 0, either1 = 0;
        int i = 0;
        for (; i + 2 <= words; i += 2)
        {
            ulong x0 = Unsafe.Add(ref a, i);
            ulong y0 = Unsafe.Add(ref b, i);
            ulong x1 = Unsafe.Add(ref a, i + 1);
            ulong y1 = Unsafe.Add(ref b, i + 1);
            both0 += BitOperations.PopCount(x0 & y0);
            either0 += BitOperations.PopCount(x0 | y0);
            both1 += BitOperations.PopCount(x1 & y1);
            either1 += BitOperations.PopCount(x1 | y1);
        }

        if (i < words)
        {
            ulong x = Unsafe.Add(ref a, i);
            ulong y = Unsafe.Add(ref b, i);
            both0 += BitOperations.PopCount(x & y);
            either0 += BitOperations.PopCount(x | y);
        }

        union = either0 + either1;
        return both0 + both1;
    }

    /// <remarks>Requires <c>words &gt;= 8</c> and AVX-512BW.</remarks>
    internal static int Vector512Path(ref ulong a, ref ulong b, int words, out int union)
    {
        const int W = 8;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector512<byte> table = BitCount.Table512;
        Vector512<ulong> both = Vector512<ulong>.Zero;
        Vector512<ulong> either = Vector512<ulong>.Zero;

        for (; i + W <= n; i += W)
        {
            Vector512<ulong> x = Vector512.LoadUnsafe(ref a, i);
            Vector512<ulong> y = Vector512.LoadUnsafe(ref b, i);
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        if (i < n)
        {
            // The last register overlaps the previous one; words already counted are masked to zero.
            nuint last = n - W;
            Vector512<ulong> fresh = Vector512.GreaterThanOrEqual(Vector512<ulong>.Indices, Vector512.Create((ulong)(i - last)));
            Vector512<ulong> x = Vector512.LoadUnsafe(ref a, last) & fresh;
            Vector512<ulong> y = Vector512.LoadUnsafe(ref b, last) & fresh;
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        union = (int)Vector512.Sum(either);
        return (int)Vector512.Sum(both);
    }

    /// <remarks>Requires <c>words &gt;= 4</c> and AVX2.</remarks>
    internal static int Vector256Path(ref ulong a, ref ulong b, int words, out int union)
    {
        const int W = 4;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector256<byte> table = BitCount.Table256;
        Vector256<ulong> both = Vector256<ulong>.Zero;
        Vector256<ulong> either = Vector256<ulong>.Zero;

        for (; i + W <= n; i += W)
        {
            Vector256<ulong> x = Vector256.LoadUnsafe(ref a, i);
            Vector256<ulong> y = Vector256.LoadUnsafe(ref b, i);
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<ulong> fresh = Vector256.GreaterThanOrEqual(Vector256<ulong>.Indices, Vector256.Create((ulong)(i - last)));
            Vector256<ulong> x = Vector256.LoadUnsafe(ref a, last) & fresh;
            Vector256<ulong> y = Vector256.LoadUnsafe(ref b, last) & fresh;
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        union = (int)Vector256.Sum(either);
        return (int)Vector256.Sum(both);
    }

    /// <remarks>Requires <c>words &gt;= 2</c> and SSSE3.</remarks>
    internal static int Vector128Path(ref ulong a, ref ulong b, int words, out int union)
    {
        const int W = 2;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector128<byte> table = BitCount.Table128;
        Vector128<ulong> both = Vector128<ulong>.Zero;
        Vector128<ulong> either = Vector128<ulong>.Zero;

        for (; i + W <= n; i += W)
        {
            Vector128<ulong> x = Vector128.LoadUnsafe(ref a, i);
            Vector128<ulong> y = Vector128.LoadUnsafe(ref b, i);
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<ulong> fresh = Vector128.GreaterThanOrEqual(Vector128<ulong>.Indices, Vector128.Create((ulong)(i - last)));
            Vector128<ulong> x = Vector128.LoadUnsafe(ref a, last) & fresh;
            Vector128<ulong> y = Vector128.LoadUnsafe(ref b, last) & fresh;
            both += BitCount.PerLane(x & y, table);
            either += BitCount.PerLane(x | y, table);
        }

        union = (int)Vector128.Sum(either);
        return (int)Vector128.Sum(both);
    }
}
