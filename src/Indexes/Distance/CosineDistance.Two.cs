using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The parts of the cosine distance of one query against two stored vectors at once, for dense runs of a scan.</summary>
public static partial class CosineDistance
{
    /// <summary>The dot products with, and squared norms of, two vectors <paramref name="stride"/> floats apart: (dot₀, norm₀, dot₁, norm₁).</summary>
    /// <remarks>
    /// Each part is bit for bit what <see cref="DotAndSquaredNorm(ref float, ref float, int, out float)"/>
    /// returns for that vector. Two vectors rather than four: each takes eight accumulators.
    /// </remarks>
    internal static Vector128<float> DotAndSquaredNormTwo(ref float query, ref float first, nint stride, int length)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            return Vector512Two(ref query, ref first, stride, length);
        }

        return OneByOne(ref query, ref first, stride, length);
    }

    // Out of line, so that a scan loop inlining DotAndSquaredNormTwo stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> OneByOne(ref float query, ref float first, nint stride, int length)
    {
        float dot0 = DotAndSquaredNorm(ref query, ref first, length, out float norm0);
        float dot1 = DotAndSquaredNorm(ref query, ref Unsafe.Add(ref first, stride), length, out float norm1);
        return Vector128.Create(dot0, norm0, dot1, norm1);
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>; mirrors <see cref="Vector512Path(ref float, ref float, int, out float)"/> for each vector.</remarks>
    internal static Vector128<float> Vector512Two(ref float a, ref float x, nint stride, int length)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;
        ref float y = ref Unsafe.Add(ref x, stride);
        Vector512<float> xd0 = default, xd1 = default, xd2 = default, xd3 = default;
        Vector512<float> xn0 = default, xn1 = default, xn2 = default, xn3 = default;
        Vector512<float> yd0 = default, yd1 = default, yd2 = default, yd3 = default;
        Vector512<float> yn0 = default, yn1 = default, yn2 = default, yn3 = default;
        Vector512<float> v;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref a, i);
            Vector512<float> q1 = Vector512.LoadUnsafe(ref a, i + W);
            Vector512<float> q2 = Vector512.LoadUnsafe(ref a, i + (2 * W));
            Vector512<float> q3 = Vector512.LoadUnsafe(ref a, i + (3 * W));
            v = Vector512.LoadUnsafe(ref x, i);
            xd0 = Vector512.MultiplyAddEstimate(q0, v, xd0);
            xn0 = Vector512.MultiplyAddEstimate(v, v, xn0);
            v = Vector512.LoadUnsafe(ref x, i + W);
            xd1 = Vector512.MultiplyAddEstimate(q1, v, xd1);
            xn1 = Vector512.MultiplyAddEstimate(v, v, xn1);
            v = Vector512.LoadUnsafe(ref x, i + (2 * W));
            xd2 = Vector512.MultiplyAddEstimate(q2, v, xd2);
            xn2 = Vector512.MultiplyAddEstimate(v, v, xn2);
            v = Vector512.LoadUnsafe(ref x, i + (3 * W));
            xd3 = Vector512.MultiplyAddEstimate(q3, v, xd3);
            xn3 = Vector512.MultiplyAddEstimate(v, v, xn3);
            v = Vector512.LoadUnsafe(ref y, i);
            yd0 = Vector512.MultiplyAddEstimate(q0, v, yd0);
            yn0 = Vector512.MultiplyAddEstimate(v, v, yn0);
            v = Vector512.LoadUnsafe(ref y, i + W);
            yd1 = Vector512.MultiplyAddEstimate(q1, v, yd1);
            yn1 = Vector512.MultiplyAddEstimate(v, v, yn1);
            v = Vector512.LoadUnsafe(ref y, i + (2 * W));
            yd2 = Vector512.MultiplyAddEstimate(q2, v, yd2);
            yn2 = Vector512.MultiplyAddEstimate(v, v, yn2);
            v = Vector512.LoadUnsafe(ref y, i + (3 * W));
            yd3 = Vector512.MultiplyAddEstimate(q3, v, yd3);
            yn3 = Vector512.MultiplyAddEstimate(v, v, yn3);
        }

        for (; i + W <= n; i += W)
        {
            Vector512<float> q = Vector512.LoadUnsafe(ref a, i);
            v = Vector512.LoadUnsafe(ref x, i);
            xd0 = Vector512.MultiplyAddEstimate(q, v, xd0);
            xn0 = Vector512.MultiplyAddEstimate(v, v, xn0);
            v = Vector512.LoadUnsafe(ref y, i);
            yd0 = Vector512.MultiplyAddEstimate(q, v, yd0);
            yn0 = Vector512.MultiplyAddEstimate(v, v, yn0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector512<float> mask = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
            Vector512<float> q = Vector512.LoadUnsafe(ref a, last);
            v = Vector512.LoadUnsafe(ref x, last);
            xd1 += (q * v) & mask;
            v &= mask;
            xn1 = Vector512.MultiplyAddEstimate(v, v, xn1);
            v = Vector512.LoadUnsafe(ref y, last);
            yd1 += (q * v) & mask;
            v &= mask;
            yn1 = Vector512.MultiplyAddEstimate(v, v, yn1);
        }

        return Vector128.Create(
            Lanes.Sum((xd0 + xd1) + (xd2 + xd3)),
            Lanes.Sum((xn0 + xn1) + (xn2 + xn3)),
            Lanes.Sum((yd0 + yd1) + (yd2 + yd3)),
            Lanes.Sum((yn0 + yn1) + (yn2 + yn3)));
    }
}
