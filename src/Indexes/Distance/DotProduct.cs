using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The dot product of two vectors; an inner-product search ranks by its negation.</summary>
/// <remarks>
/// Sums are accumulated in <see cref="float"/> across several vector registers, so the result
/// may differ from the sequential sum in the last bits. A NaN anywhere gives NaN. This is not a
/// wrapper of <c>TensorPrimitives.Dot</c>: measured on 37 to 1536 floats in cache it was as fast
/// or faster (12 against 17 ns at 128 floats), and scans call it by reference, without spans.
/// </remarks>
public static partial class DotProduct
{
    /// <summary>Returns the sum of <c>a[i] * b[i]</c>.</summary>
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
        // Each width needs at least one full register; the last partial register is covered by
        // an overlapping load, so shorter inputs drop to the next narrower width.
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
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector512Path(ref float a, ref float b, int length)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;

        // Four independent accumulators hide the latency of the fused multiply-add.
        Vector512<float> acc0 = Vector512<float>.Zero;
        Vector512<float> acc1 = Vector512<float>.Zero;
        Vector512<float> acc2 = Vector512<float>.Zero;
        Vector512<float> acc3 = Vector512<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            acc0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + W), Vector512.LoadUnsafe(ref b, i + W), acc1);
            acc2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (2 * W)), Vector512.LoadUnsafe(ref b, i + (2 * W)), acc2);
            acc3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (3 * W)), Vector512.LoadUnsafe(ref b, i + (3 * W)), acc3);
        }

        for (; i + W <= n; i += W)
        {
            acc0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), acc0);
        }

        if (i < n)
        {
            // The last register overlaps the previous one; lanes already counted are masked out of the
            // product (not the input, so that an infinity there cannot turn into 0 * inf = NaN).
            nuint last = n - W;
            Vector512<float> p = Vector512.LoadUnsafe(ref a, last) * Vector512.LoadUnsafe(ref b, last);
            acc1 += p & Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
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
            acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + W), Vector256.LoadUnsafe(ref b, i + W), acc1);
            acc2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (2 * W)), Vector256.LoadUnsafe(ref b, i + (2 * W)), acc2);
            acc3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (3 * W)), Vector256.LoadUnsafe(ref b, i + (3 * W)), acc3);
        }

        for (; i + W <= n; i += W)
        {
            acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), acc0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<float> p = Vector256.LoadUnsafe(ref a, last) * Vector256.LoadUnsafe(ref b, last);
            acc1 += p & Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
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
            acc0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + W), Vector128.LoadUnsafe(ref b, i + W), acc1);
            acc2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (2 * W)), Vector128.LoadUnsafe(ref b, i + (2 * W)), acc2);
            acc3 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (3 * W)), Vector128.LoadUnsafe(ref b, i + (3 * W)), acc3);
        }

        for (; i + W <= n; i += W)
        {
            acc0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), acc0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<float> p = Vector128.LoadUnsafe(ref a, last) * Vector128.LoadUnsafe(ref b, last);
            acc1 += p & Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
        }

        return Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
    }
}
