using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>L1 distance of a float32 query against a float16 stored vector, converting each chunk in registers.</summary>
public static partial class L1Distance
{
    /// <summary>Returns the sum of <c>|query[i] - (float)stored[i]|</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Compute(ReadOnlySpan<float> query, ReadOnlySpan<Half> stored)
    {
        if (query.Length != stored.Length)
        {
            ThrowHelper.LengthMismatch(nameof(stored), query.Length, stored.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(query), ref MemoryMarshal.GetReference(stored), query.Length);
    }

    /// <summary>The plain loop that the vectorised float16 paths are tested against.</summary>
    internal static float Scalar(ReadOnlySpan<float> query, ReadOnlySpan<Half> stored)
    {
        if (query.Length != stored.Length)
        {
            ThrowHelper.LengthMismatch(nameof(stored), query.Length, stored.Length);
        }

        return Scalar(ref MemoryMarshal.GetReference(query), ref MemoryMarshal.GetReference(stored), query.Length);
    }

    internal static float Compute(ref float a, ref Half b, int length)
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

    internal static float Scalar(ref float a, ref Half b, int length)
    {
        float sum = 0f;
        for (int i = 0; i < length; i++)
        {
            sum += MathF.Abs(Unsafe.Add(ref a, i) - (float)Unsafe.Add(ref b, i));
        }

        return sum;
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector512Path(ref float a, ref Half b, int length)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;

        Vector512<float> acc0 = Vector512<float>.Zero;
        Vector512<float> acc1 = Vector512<float>.Zero;
        Vector512<float> acc2 = Vector512<float>.Zero;
        Vector512<float> acc3 = Vector512<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            acc0 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i) - HalfConversion.Load512(ref b, i));
            acc1 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + W) - HalfConversion.Load512(ref b, i + W));
            acc2 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + (2 * W)) - HalfConversion.Load512(ref b, i + (2 * W)));
            acc3 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i + (3 * W)) - HalfConversion.Load512(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector512.Abs(Vector512.LoadUnsafe(ref a, i) - HalfConversion.Load512(ref b, i));
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector512<float> d = Vector512.Abs(Vector512.LoadUnsafe(ref a, last) - HalfConversion.Load512(ref b, last));
            acc1 += d & Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
        }

        return Lanes.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <remarks>Requires <c>length &gt;= Vector256&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector256Path(ref float a, ref Half b, int length)
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
            acc0 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i) - HalfConversion.Load256(ref b, i));
            acc1 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + W) - HalfConversion.Load256(ref b, i + W));
            acc2 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + (2 * W)) - HalfConversion.Load256(ref b, i + (2 * W)));
            acc3 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i + (3 * W)) - HalfConversion.Load256(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector256.Abs(Vector256.LoadUnsafe(ref a, i) - HalfConversion.Load256(ref b, i));
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<float> d = Vector256.Abs(Vector256.LoadUnsafe(ref a, last) - HalfConversion.Load256(ref b, last));
            acc1 += d & Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
        }

        return Lanes.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <remarks>Requires <c>length &gt;= Vector128&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector128Path(ref float a, ref Half b, int length)
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
            acc0 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i) - HalfConversion.Load128(ref b, i));
            acc1 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + W) - HalfConversion.Load128(ref b, i + W));
            acc2 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + (2 * W)) - HalfConversion.Load128(ref b, i + (2 * W)));
            acc3 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i + (3 * W)) - HalfConversion.Load128(ref b, i + (3 * W)));
        }

        for (; i + W <= n; i += W)
        {
            acc0 += Vector128.Abs(Vector128.LoadUnsafe(ref a, i) - HalfConversion.Load128(ref b, i));
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<float> d = Vector128.Abs(Vector128.LoadUnsafe(ref a, last) - HalfConversion.Load128(ref b, last));
            acc1 += d & Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
        }

        return Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
    }
}
