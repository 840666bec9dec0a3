using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>Squared L2 of one query against four stored vectors at once, for dense runs of a scan.</summary>
public static partial class SquaredL2
{
    /// <summary>The squared L2 distances of <paramref name="query"/> to four vectors <paramref name="stride"/> floats apart.</summary>
    /// <remarks>
    /// Each result is bit for bit what <see cref="Compute(ref float, ref float, int)"/> returns for
    /// that vector: the same registers sum the same elements in the same order. Scoring four
    /// vectors per call shares the query's loads and the call's overhead, and keeps more loads of
    /// the stored vectors in flight.
    /// </remarks>
    internal static Vector128<float> ComputeFour(ref float query, ref float first, nint stride, int length)
    {
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            return Vector512Four(ref query, ref first, stride, length);
        }

        return OneByOne(ref query, ref first, stride, length);
    }

    // Out of line, so that a scan loop inlining ComputeFour stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> OneByOne(ref float query, ref float first, nint stride, int length) =>
        Vector128.Create(
            Compute(ref query, ref first, length),
            Compute(ref query, ref Unsafe.Add(ref first, stride), length),
            Compute(ref query, ref Unsafe.Add(ref first, 2 * stride), length),
            Compute(ref query, ref Unsafe.Add(ref first, 3 * stride), length));

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>; mirrors <see cref="Vector512Path"/> for each vector.</remarks>
    internal static Vector128<float> Vector512Four(ref float a, ref float b0, nint stride, int length)
    {
        const int W = 16;
        nuint n = (nuint)length;
        nuint i = 0;
        ref float b1 = ref Unsafe.Add(ref b0, stride);
        ref float b2 = ref Unsafe.Add(ref b0, 2 * stride);
        ref float b3 = ref Unsafe.Add(ref b0, 3 * stride);
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> d;

        for (; i + (4 * W) <= n; i += 4 * W)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref a, i);
            Vector512<float> q1 = Vector512.LoadUnsafe(ref a, i + W);
            Vector512<float> q2 = Vector512.LoadUnsafe(ref a, i + (2 * W));
            Vector512<float> q3 = Vector512.LoadUnsafe(ref a, i + (3 * W));
            d = q0 - Vector512.LoadUnsafe(ref b0, i);
            a00 = Vector512.MultiplyAddEstimate(d, d, a00);
            d = q1 - Vector512.LoadUnsafe(ref b0, i + W);
            a01 = Vector512.MultiplyAddEstimate(d, d, a01);
            d = q2 - Vector512.LoadUnsafe(ref b0, i + (2 * W));
            a02 = Vector512.MultiplyAddEstimate(d, d, a02);
            d = q3 - Vector512.LoadUnsafe(ref b0, i + (3 * W));
            a03 = Vector512.MultiplyAddEstimate(d, d, a03);
            d = q0 - Vector512.LoadUnsafe(ref b1, i);
            a10 = Vector512.MultiplyAddEstimate(d, d, a10);
            d = q1 - Vector512.LoadUnsafe(ref b1, i + W);
            a11 = Vector512.MultiplyAddEstimate(d, d, a11);
            d = q2 - Vector512.LoadUnsafe(ref b1, i + (2 * W));
            a12 = Vector512.MultiplyAddEstimate(d, d, a12);
            d = q3 - Vector512.LoadUnsafe(ref b1, i + (3 * W));
            a13 = Vector512.MultiplyAddEstimate(d, d, a13);
            d = q0 - Vector512.LoadUnsafe(ref b2, i);
            a20 = Vector512.MultiplyAddEstimate(d, d, a20);
            d = q1 - Vector512.LoadUnsafe(ref b2, i + W);
            a21 = Vector512.MultiplyAddEstimate(d, d, a21);
            d = q2 - Vector512.LoadUnsafe(ref b2, i + (2 * W));
            a22 = Vector512.MultiplyAddEstimate(d, d, a22);
            d = q3 - Vector512.LoadUnsafe(ref b2, i + (3 * W));
            a23 = Vector512.MultiplyAddEstimate(d, d, a23);
            d = q0 - Vector512.LoadUnsafe(ref b3, i);
            a30 = Vector512.MultiplyAddEstimate(d, d, a30);
            d = q1 - Vector512.LoadUnsafe(ref b3, i + W);
            a31 = Vector512.MultiplyAddEstimate(d, d, a31);
            d = q2 - Vector512.LoadUnsafe(ref b3, i + (2 * W));
            a32 = Vector512.MultiplyAddEstimate(d, d, a32);
            d = q3 - Vector512.LoadUnsafe(ref b3, i + (3 * W));
            a33 = Vector512.MultiplyAddEstimate(d, d, a33);
        }

        for (; i + W <= n; i += W)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref a, i);
            d = q0 - Vector512.LoadUnsafe(ref b0, i);
            a00 = Vector512.MultiplyAddEstimate(d, d, a00);
            d = q0 - Vector512.LoadUnsafe(ref b1, i);
            a10 = Vector512.MultiplyAddEstimate(d, d, a10);
            d = q0 - Vector512.LoadUnsafe(ref b2, i);
            a20 = Vector512.MultiplyAddEstimate(d, d, a20);
            d = q0 - Vector512.LoadUnsafe(ref b3, i);
            a30 = Vector512.MultiplyAddEstimate(d, d, a30);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector512<float> mask = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
            Vector512<float> q = Vector512.LoadUnsafe(ref a, last);
            d = (q - Vector512.LoadUnsafe(ref b0, last)) & mask;
            a01 = Vector512.MultiplyAddEstimate(d, d, a01);
            d = (q - Vector512.LoadUnsafe(ref b1, last)) & mask;
            a11 = Vector512.MultiplyAddEstimate(d, d, a11);
            d = (q - Vector512.LoadUnsafe(ref b2, last)) & mask;
            a21 = Vector512.MultiplyAddEstimate(d, d, a21);
            d = (q - Vector512.LoadUnsafe(ref b3, last)) & mask;
            a31 = Vector512.MultiplyAddEstimate(d, d, a31);
        }

        return Vector128.Create(
            Lanes.Sum((a00 + a01) + (a02 + a03)),
            Lanes.Sum((a10 + a11) + (a12 + a13)),
            Lanes.Sum((a20 + a21) + (a22 + a23)),
            Lanes.Sum((a30 + a31) + (a32 + a33)));
    }
}
