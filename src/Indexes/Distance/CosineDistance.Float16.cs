using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The cosine distance of a float32 query and a float16 stored vector, converting each chunk in registers.</summary>
public static partial class CosineDistance
{
    /// <summary>Returns <c>1 - query·stored / (|query| |stored|)</c>, or 1 when either norm is 0.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Compute(ReadOnlySpan<float> query, ReadOnlySpan<Half> stored)
    {
        if (query.Length != stored.Length)
        {
            ThrowHelper.LengthMismatch(nameof(stored), query.Length, stored.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(query), ref MemoryMarshal.GetReference(stored), query.Length, QueryNorm(query));
    }

    internal static float Compute(ref float query, ref Half vector, int length, double queryNorm)
    {
        float dot = DotAndSquaredNorm(ref query, ref vector, length, out float squaredNorm);
        return FromParts(dot, queryNorm, squaredNorm);
    }

    /// <summary>Returns <c>a·b</c> and sets <paramref name="squaredNormB"/> to <c>b·b</c> for float16 <paramref name="b"/>, reading each input once.</summary>
    internal static float DotAndSquaredNorm(ref float a, ref Half b, int length, out float squaredNormB)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            return Vector512Path(ref a, ref b, length, out squaredNormB);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            return Vector256Path(ref a, ref b, length, out squaredNormB);
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            return Vector128Path(ref a, ref b, length, out squaredNormB);
        }

        return Scalar(ref a, ref b, length, out squaredNormB);
    }

    /// <summary>The plain loop that the vectorised float16 paths are tested against.</summary>
    internal static float Scalar(ref float a, ref Half b, int length, out float squaredNormB)
    {
        float dot = 0f;
        float norm = 0f;
        for (int i = 0; i < length; i++)
        {
            float bi = (float)Unsafe.Add(ref b, i);
            dot += Unsafe.Add(ref a, i) * bi;
            norm += bi * bi;
        }

        squaredNormB = norm;
        return dot;
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector512Path(ref float a, ref Half b, int length, out float squaredNormB)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;
        // Dot product and the stored vector's squared norm share each load of b; four accumulators
        // per sum hide the latency of the fused multiply-add.
        Vector512<float> dot0 = Vector512<float>.Zero;
        Vector512<float> dot1 = Vector512<float>.Zero;
        Vector512<float> dot2 = Vector512<float>.Zero;
        Vector512<float> dot3 = Vector512<float>.Zero;
        Vector512<float> norm0 = Vector512<float>.Zero;
        Vector512<float> norm1 = Vector512<float>.Zero;
        Vector512<float> norm2 = Vector512<float>.Zero;
        Vector512<float> norm3 = Vector512<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            Vector512<float> b0 = HalfConversion.Load512(ref b, i);
            Vector512<float> b1 = HalfConversion.Load512(ref b, i + W);
            Vector512<float> b2 = HalfConversion.Load512(ref b, i + (2 * W));
            Vector512<float> b3 = HalfConversion.Load512(ref b, i + (3 * W));
            dot0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), b0, dot0);
            dot1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + W), b1, dot1);
            dot2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (2 * W)), b2, dot2);
            dot3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (3 * W)), b3, dot3);
            norm0 = Vector512.MultiplyAddEstimate(b0, b0, norm0);
            norm1 = Vector512.MultiplyAddEstimate(b1, b1, norm1);
            norm2 = Vector512.MultiplyAddEstimate(b2, b2, norm2);
            norm3 = Vector512.MultiplyAddEstimate(b3, b3, norm3);
        }

        for (; i + W <= n; i += W)
        {
            Vector512<float> bi = HalfConversion.Load512(ref b, i);
            dot0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector512.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            // The last register overlaps the previous one; lanes already counted are masked out
            // of the product and of b (after the product, so that 0 * inf cannot make NaN).
            nuint last = n - W;
            Vector512<float> mask = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
            Vector512<float> bi = HalfConversion.Load512(ref b, last);
            dot1 += (Vector512.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector512.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Lanes.Sum((norm0 + norm1) + (norm2 + norm3));
        return Lanes.Sum((dot0 + dot1) + (dot2 + dot3));
    }

    /// <remarks>Requires <c>length &gt;= Vector256&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector256Path(ref float a, ref Half b, int length, out float squaredNormB)
    {
        const int W = 8;
        nuint n = (nuint)length;
        nuint i = 0;
        Vector256<float> dot0 = Vector256<float>.Zero;
        Vector256<float> dot1 = Vector256<float>.Zero;
        Vector256<float> dot2 = Vector256<float>.Zero;
        Vector256<float> dot3 = Vector256<float>.Zero;
        Vector256<float> norm0 = Vector256<float>.Zero;
        Vector256<float> norm1 = Vector256<float>.Zero;
        Vector256<float> norm2 = Vector256<float>.Zero;
        Vector256<float> norm3 = Vector256<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            Vector256<float> b0 = HalfConversion.Load256(ref b, i);
            Vector256<float> b1 = HalfConversion.Load256(ref b, i + W);
            Vector256<float> b2 = HalfConversion.Load256(ref b, i + (2 * W));
            Vector256<float> b3 = HalfConversion.Load256(ref b, i + (3 * W));
            dot0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), b0, dot0);
            dot1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + W), b1, dot1);
            dot2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (2 * W)), b2, dot2);
            dot3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (3 * W)), b3, dot3);
            norm0 = Vector256.MultiplyAddEstimate(b0, b0, norm0);
            norm1 = Vector256.MultiplyAddEstimate(b1, b1, norm1);
            norm2 = Vector256.MultiplyAddEstimate(b2, b2, norm2);
            norm3 = Vector256.MultiplyAddEstimate(b3, b3, norm3);
        }

        for (; i + W <= n; i += W)
        {
            Vector256<float> bi = HalfConversion.Load256(ref b, i);
            dot0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector256.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<float> mask = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
            Vector256<float> bi = HalfConversion.Load256(ref b, last);
            dot1 += (Vector256.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector256.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Lanes.Sum((norm0 + norm1) + (norm2 + norm3));
        return Lanes.Sum((dot0 + dot1) + (dot2 + dot3));
    }

    /// <remarks>Requires <c>length &gt;= Vector128&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector128Path(ref float a, ref Half b, int length, out float squaredNormB)
    {
        const int W = 4;
        nuint n = (nuint)length;
        nuint i = 0;
        Vector128<float> dot0 = Vector128<float>.Zero;
        Vector128<float> dot1 = Vector128<float>.Zero;
        Vector128<float> dot2 = Vector128<float>.Zero;
        Vector128<float> dot3 = Vector128<float>.Zero;
        Vector128<float> norm0 = Vector128<float>.Zero;
        Vector128<float> norm1 = Vector128<float>.Zero;
        Vector128<float> norm2 = Vector128<float>.Zero;
        Vector128<float> norm3 = Vector128<float>.Zero;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            Vector128<float> b0 = HalfConversion.Load128(ref b, i);
            Vector128<float> b1 = HalfConversion.Load128(ref b, i + W);
            Vector128<float> b2 = HalfConversion.Load128(ref b, i + (2 * W));
            Vector128<float> b3 = HalfConversion.Load128(ref b, i + (3 * W));
            dot0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), b0, dot0);
            dot1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + W), b1, dot1);
            dot2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (2 * W)), b2, dot2);
            dot3 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (3 * W)), b3, dot3);
            norm0 = Vector128.MultiplyAddEstimate(b0, b0, norm0);
            norm1 = Vector128.MultiplyAddEstimate(b1, b1, norm1);
            norm2 = Vector128.MultiplyAddEstimate(b2, b2, norm2);
            norm3 = Vector128.MultiplyAddEstimate(b3, b3, norm3);
        }

        for (; i + W <= n; i += W)
        {
            Vector128<float> bi = HalfConversion.Load128(ref b, i);
            dot0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector128.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<float> mask = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
            Vector128<float> bi = HalfConversion.Load128(ref b, last);
            dot1 += (Vector128.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector128.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Vector128.Sum((norm0 + norm1) + (norm2 + norm3));
        return Vector128.Sum((dot0 + dot1) + (dot2 + dot3));
    }
}
