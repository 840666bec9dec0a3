using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VecStore.Indexes.Distance;

/// <summary>The Hamming distance between two bit vectors: the number of bits in which they differ.</summary>
/// <remarks>
/// Vectors are packed into 64-bit words (<see cref="VectorElement.Bit"/>); unused bits of the
/// last word must be zero in both, as the element format requires. Counts are exact.
/// </remarks>
public static class HammingDistance
{
    /// <summary>Returns the number of set bits of <c>a[i] ^ b[i]</c> over all words.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static int Compute(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>The plain loop that the faster paths are tested against.</summary>
    internal static int Scalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Scalar(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    internal static int Compute(ref ulong a, ref ulong b, int words)
    {
        // Measured on AVX-512 hardware: the 512-bit path wins from two registers' worth of words,
        // below that its reduction and tail mask cost more than they save; the unrolled popcount
        // loses to the table lookup from two words on.
        if (Avx512BW.IsSupported && words >= 2 * Vector512<ulong>.Count)
        {
            return Vector512Path(ref a, ref b, words);
        }

        if (Avx2.IsSupported && words >= Vector256<ulong>.Count)
        {
            return Vector256Path(ref a, ref b, words);
        }

        if (Ssse3.IsSupported && words >= Vector128<ulong>.Count)
        {
            return Vector128Path(ref a, ref b, words);
        }

        return Unrolled(ref a, ref b, words);
    }

    internal static int Scalar(ref ulong a, ref ulong b, int words)
    {
        int count = 0;
        for (int i = 0; i < words; i++)
        {
            count += BitOperations.PopCount(Unsafe.Add(ref a, i) ^ Unsafe.Add(ref b, i));
        }

        return count;
    }

    /// <summary>Four word counts a step, each into its own sum, for inputs too short for a vector register.</summary>
    internal static int Unrolled(ref ulong a, ref ulong b, int words)
    {
        int c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        int i = 0;
        for (; i + 4 <= words; i += 4)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref a, i) ^ Unsafe.Add(ref b, i));
            c1 += BitOperations.PopCount(Unsafe.Add(ref a, i + 1) ^ Unsafe.Add(ref b, i + 1));
            c2 += BitOperations.PopCount(Unsafe.Add(ref a, i + 2) ^ Unsafe.Add(ref b, i + 2));
            c3 += BitOperations.PopCount(Unsafe.Add(ref a, i + 3) ^ Unsafe.Add(ref b, i + 3));
        }

        for (; i < words; i++)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref a, i) ^ Unsafe.Add(ref b, i));
        }

        return (c0 + c1) + (c2 + c3);
    }

    /// <remarks>Requires <c>words &gt;= 8</c> and AVX-512BW.</remarks>
    internal static int Vector512Path(ref ulong a, ref ulong b, int words)
    {
        const int W = 8;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector512<byte> table = BitCount.Table512;
        Vector512<ulong> acc0 = Vector512<ulong>.Zero;
        Vector512<ulong> acc1 = Vector512<ulong>.Zero;

        for (; i + (2 * W) <= n; i += 2 * W)
        {
            acc0 += BitCount.PerLane(Vector512.LoadUnsafe(ref a, i) ^ Vector512.LoadUnsafe(ref b, i), table);
            acc1 += BitCount.PerLane(Vector512.LoadUnsafe(ref a, i + W) ^ Vector512.LoadUnsafe(ref b, i + W), table);
        }

        for (; i + W <= n; i += W)
        {
            acc0 += BitCount.PerLane(Vector512.LoadUnsafe(ref a, i) ^ Vector512.LoadUnsafe(ref b, i), table);
        }

        if (i < n)
        {
            // The last register overlaps the previous one; words already counted are masked to zero.
            nuint last = n - W;
            Vector512<ulong> x = Vector512.LoadUnsafe(ref a, last) ^ Vector512.LoadUnsafe(ref b, last);
            acc1 += BitCount.PerLane(x & Vector512.GreaterThanOrEqual(Vector512<ulong>.Indices, Vector512.Create((ulong)(i - last))), table);
        }

        return (int)Vector512.Sum(acc0 + acc1);
    }

    /// <remarks>Requires <c>words &gt;= 4</c> and AVX2.</remarks>
    internal static int Vector256Path(ref ulong a, ref ulong b, int words)
    {
        const int W = 4;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector256<byte> table = BitCount.Table256;
        Vector256<ulong> acc0 = Vector256<ulong>.Zero;
        Vector256<ulong> acc1 = Vector256<ulong>.Zero;

        for (; i + (2 * W) <= n; i += 2 * W)
        {
            acc0 += BitCount.PerLane(Vector256.LoadUnsafe(ref a, i) ^ Vector256.LoadUnsafe(ref b, i), table);
            acc1 += BitCount.PerLane(Vector256.LoadUnsafe(ref a, i + W) ^ Vector256.LoadUnsafe(ref b, i + W), table);
        }

        for (; i + W <= n; i += W)
        {
            acc0 += BitCount.PerLane(Vector256.LoadUnsafe(ref a, i) ^ Vector256.LoadUnsafe(ref b, i), table);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<ulong> x = Vector256.LoadUnsafe(ref a, last) ^ Vector256.LoadUnsafe(ref b, last);
            acc1 += BitCount.PerLane(x & Vector256.GreaterThanOrEqual(Vector256<ulong>.Indices, Vector256.Create((ulong)(i - last))), table);
        }

        return (int)Vector256.Sum(acc0 + acc1);
    }

    /// <remarks>Requires <c>words &gt;= 2</c> and SSSE3.</remarks>
    internal static int Vector128Path(ref ulong a, ref ulong b, int words)
    {
        const int W = 2;
        nuint n = (nuint)words;
        nuint i = 0;
        Vector128<byte> table = BitCount.Table128;
        Vector128<ulong> acc0 = Vector128<ulong>.Zero;
        Vector128<ulong> acc1 = Vector128<ulong>.Zero;

        for (; i + (2 * W) <= n; i += 2 * W)
        {
            acc0 += BitCount.PerLane(Vector128.LoadUnsafe(ref a, i) ^ Vector128.LoadUnsafe(ref b, i), table);
            acc1 += BitCount.PerLane(Vector128.LoadUnsafe(ref a, i + W) ^ Vector128.LoadUnsafe(ref b, i + W), table);
        }

        for (; i + W <= n; i += W)
        {
            acc0 += BitCount.PerLane(Vector128.LoadUnsafe(ref a, i) ^ Vector128.LoadUnsafe(ref b, i), table);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<ulong> x = Vector128.LoadUnsafe(ref a, last) ^ Vector128.LoadUnsafe(ref b, last);
            acc1 += BitCount.PerLane(x & Vector128.GreaterThanOrEqual(Vector128<ulong>.Indices, Vector128.Create((ulong)(i - last))), table);
        }

        return (int)Vector128.Sum(acc0 + acc1);
    }
}
