using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The cosine distance between two vectors: one minus the cosine of the angle between them.</summary>
/// <remarks>
/// The result lies in [0, 2]. A search computes the
/// query's norm once (<see cref="QueryNorm"/>) and, per stored vector, the dot product and the
/// stored vector's squared norm in one pass over it. Sums are accumulated in <see cref="float"/>;
/// the final quotient is formed in <see cref="double"/>. A NaN anywhere gives NaN, and so does a
/// squared norm that overflowed float32 or lies below <see cref="ScoreReliability.Tiny"/>, zero
/// included: float32 cannot say that distance, and <see cref="DistanceKernels.Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// and searches compute it again in double (<see cref="PreciseDistance"/>), where a zero vector
/// is at distance 1 from everything.
/// </remarks>
public static partial class CosineDistance
{
    // The query's norm is the square root of a float32 sum: these bound the sums that kept their meaning.
    private const double SqrtTiny = 8.881784197001252e-16; // 2^-50
    private const double SqrtMax = 1.8446743523953730e19;

    /// <summary>Returns <c>1 - a·b / (|a| |b|)</c>, or NaN when a norm is 0 or out of float32's reach (see the remarks).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(nameof(b), a.Length, b.Length);
        }

        return Compute(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length, QueryNorm(a));
    }

    /// <summary>The Euclidean norm of <paramref name="query"/>, computed once per search.</summary>
    public static double QueryNorm(ReadOnlySpan<float> query) => Math.Sqrt(DotProduct.Compute(query, query));

    internal static float Compute(ref float query, ref float vector, int length, double queryNorm)
    {
        float dot = DotAndSquaredNorm(ref query, ref vector, length, out float squaredNorm);
        return FromParts(dot, queryNorm, squaredNorm);
    }

    /// <summary>Turns the parts of one comparison into the distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FromParts(float dot, double queryNorm, float vectorSquaredNorm)
    {
        // A norm that overflowed or underflowed (to zero included: float32 cannot tell a zero vector
        // from one whose squares all underflowed) has lost the cosine: NaN asks for double.
        if (!(vectorSquaredNorm >= ScoreReliability.Tiny && vectorSquaredNorm <= float.MaxValue && queryNorm >= SqrtTiny && queryNorm <= SqrtMax))
        {
            return float.NaN;
        }

        // Rounding can push the cosine a hair outside [-1, 1]; the clamp keeps the documented
        // range and lets NaN through.
        double distance = 1.0 - (dot / (queryNorm * Math.Sqrt(vectorSquaredNorm)));
        return (float)Math.Clamp(distance, 0.0, 2.0);
    }

    /// <summary>Returns <c>a·b</c> and sets <paramref name="squaredNormB"/> to <c>b·b</c>, reading each input once.</summary>
    internal static float DotAndSquaredNorm(ref float a, ref float b, int length, out float squaredNormB)
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

    /// <summary>The plain loop that the vectorised paths are tested against.</summary>
    internal static float Scalar(ref float a, ref float b, int length, out float squaredNormB)
    {
        float dot = 0f;
        float norm = 0f;
        for (int i = 0; i < length; i++)
        {
            float bi = Unsafe.Add(ref b, i);
            dot += Unsafe.Add(ref a, i) * bi;
            norm += bi * bi;
        }

        squaredNormB = norm;
        return dot;
    }

    /// <remarks>Requires <c>length &gt;= Vector512&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector512Path(ref float a, ref float b, int length, out float squaredNormB)
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
            Vector512<float> b0 = Vector512.LoadUnsafe(ref b, i);
            Vector512<float> b1 = Vector512.LoadUnsafe(ref b, i + W);
            Vector512<float> b2 = Vector512.LoadUnsafe(ref b, i + (2 * W));
            Vector512<float> b3 = Vector512.LoadUnsafe(ref b, i + (3 * W));
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
            Vector512<float> bi = Vector512.LoadUnsafe(ref b, i);
            dot0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector512.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            // The last register overlaps the previous one; lanes already counted are masked out
            // of the product and of b (after the product, so that 0 * inf cannot make NaN).
            nuint last = n - W;
            Vector512<float> mask = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
            Vector512<float> bi = Vector512.LoadUnsafe(ref b, last);
            dot1 += (Vector512.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector512.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Lanes.Sum((norm0 + norm1) + (norm2 + norm3));
        return Lanes.Sum((dot0 + dot1) + (dot2 + dot3));
    }

    /// <remarks>Requires <c>length &gt;= Vector256&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector256Path(ref float a, ref float b, int length, out float squaredNormB)
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
            Vector256<float> b0 = Vector256.LoadUnsafe(ref b, i);
            Vector256<float> b1 = Vector256.LoadUnsafe(ref b, i + W);
            Vector256<float> b2 = Vector256.LoadUnsafe(ref b, i + (2 * W));
            Vector256<float> b3 = Vector256.LoadUnsafe(ref b, i + (3 * W));
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
            Vector256<float> bi = Vector256.LoadUnsafe(ref b, i);
            dot0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector256.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector256<float> mask = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
            Vector256<float> bi = Vector256.LoadUnsafe(ref b, last);
            dot1 += (Vector256.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector256.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Lanes.Sum((norm0 + norm1) + (norm2 + norm3));
        return Lanes.Sum((dot0 + dot1) + (dot2 + dot3));
    }

    /// <remarks>Requires <c>length &gt;= Vector128&lt;float&gt;.Count</c>.</remarks>
    internal static float Vector128Path(ref float a, ref float b, int length, out float squaredNormB)
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
            Vector128<float> b0 = Vector128.LoadUnsafe(ref b, i);
            Vector128<float> b1 = Vector128.LoadUnsafe(ref b, i + W);
            Vector128<float> b2 = Vector128.LoadUnsafe(ref b, i + (2 * W));
            Vector128<float> b3 = Vector128.LoadUnsafe(ref b, i + (3 * W));
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
            Vector128<float> bi = Vector128.LoadUnsafe(ref b, i);
            dot0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), bi, dot0);
            norm0 = Vector128.MultiplyAddEstimate(bi, bi, norm0);
        }

        if (i < n)
        {
            nuint last = n - W;
            Vector128<float> mask = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
            Vector128<float> bi = Vector128.LoadUnsafe(ref b, last);
            dot1 += (Vector128.LoadUnsafe(ref a, last) * bi) & mask;
            bi &= mask;
            norm1 = Vector128.MultiplyAddEstimate(bi, bi, norm1);
        }

        squaredNormB = Vector128.Sum((norm0 + norm1) + (norm2 + norm3));
        return Vector128.Sum((dot0 + dot1) + (dot2 + dot3));
    }
}
