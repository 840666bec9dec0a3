using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The L1 (Manhattan) distance between two vectors: the sum of absolute differences.</summary>
/// <remarks>
/// Sums are accumulated in <see cref="float"/> across several vector registers; the result may
/// differ from <see cref="Scalar(ReadOnlySpan{float}, ReadOnlySpan{float})"/> in the last bits. A NaN anywhere gives NaN.
/// </remarks>
public static partial class L1Distance
{
    /// <summary>Returns the sum of <c>|a[i] - b[i]|</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>The plain loop that the vectorised paths are tested against.</summary>
    internal static float Scalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Scalar(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    internal static float Compute(ref float a, ref float b, int length)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            return Vector512Path(ref a, ref b, length);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            return Vector256Path(ref a, ref b, length);
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            return Vector128Path(ref a, ref b, length);
        }

        return Scalar(ref a, ref b, length);
    }

    internal static float Scalar(ref float a, ref float b, int length)
    {
        float sum = 0f;
        for (int i = 0; i < length; i++)
        {
            sum += MathF.Abs(Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i));
        }

        return sum;
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector512Path(ref float a, ref float b, int length)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;

        // Four independent accumulators hide the latency of the additions.
        Vector512<float> acc0 = Vector512<float>.Zero;
        Vector512<float> acc1 = Vector512<float>.Zero;
        Vector512<float> acc2 = Vector512<float>.Zero;
        Vector512<float> acc3 = Vector512<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            acc0 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i) - Vector512.LoadUnsafe(ref b, i));
            acc1 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + W) - Vector512.LoadUnsafe(ref b, i + W));
            acc2 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + (2 * W)) - Vector512.LoadUnsafe(ref b, i + (2 * W)));
            acc3 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + (3 * W)) - Vector512.LoadUnsafe(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i) - Vector512.LoadUnsafe(ref b, i));
        }

        if (i < n)
        {
            // The last register overlaps the previous one; lanes already counted are masked to zero.
            nuint last = n - W;
            Vector512<float> d = Vector512.Abs(Vector512.LoadUnsafe(ref a, last) - Vector512.LoadUnsafe(ref b, last));
            acc1 += d & Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
        }

        return Lanes.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <remarks>Requires <c>length &gt;= Vector256&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector256Path(ref float a, ref float b, int length)
    {
        const int W = 8;
        nuint n = (nuint)length;
        nuint i = 0;

        Vector256<float> acc0 = Vector256<float>.Zero;
        Vector256<float> acc1 = Vector256<float>.Zero;
        Vector256<float> acc2 = Vector256<float>.Zero;
        Vector256<float> acc3 = Vector256<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            acc0 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i) - Vector256.LoadUnsafe(ref b, i));
            acc1 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + W) - Vector256.LoadUnsafe(ref b, i + W));
            acc2 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + (2 * W)) - Vector256.LoadUnsafe(ref b, i + (2 * W)));
            acc3 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + (3 * W)) - Vector256.LoadUnsafe(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i) - Vector256.LoadUnsafe(ref b, i));
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<float> d = Vector256.Abs(Vector256.LoadUnsafe(ref a, last) - Vector256.LoadUnsafe(ref b, last));
            acc1 += d & Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
        }

        return Lanes.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <remarks>Requires <c>length &gt;= Vector128&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector128Path(ref float a, ref float b, int length)
    {
        const int W = 4;
        nuint n = (nuint)length;
        nuint i = 0;

        Vector128<float> acc0 = Vector128<float>.Zero;
        Vector128<float> acc1 = Vector128<float>.Zero;
        Vector128<float> acc2 = Vector128<float>.Zero;
        Vector128<float> acc3 = Vector128<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            acc0 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i) - Vector128.LoadUnsafe(ref b, i));
            acc1 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + W) - Vector128.LoadUnsafe(ref b, i + W));
            acc2 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + (2 * W)) - Vector128.LoadUnsafe(ref b, i + (2 * W)));
            acc3 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + (3 * W)) - Vector128.LoadUnsafe(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i) - Vector128.LoadUnsafe(ref b, i));
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<float> d = Vector128.Abs(Vector128.LoadUnsafe(ref a, last) - Vector128.LoadUnsafe(ref b, last));
            acc1 += d & Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
        }

        return Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
    }
}
