using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Distance;

/// <summary>The scores of <see cref="DistanceKernels"/> computed in double precision, for the comparisons float32 arithmetic cannot carry.</summary>
/// <remarks>
/// <para>
/// Every finite float32 or float16 input is in range here: a product of two floats is at most
/// 1.2e77 and at least 2e-90 in magnitude, a sum of 16,000 of them at most 2e81, all far inside
/// double's 1e-308 to 1e308. So squared distances and dot products that overflow float32 to
/// infinity, or underflow to zero, keep their value and their order.
/// </para>
/// <para>
/// The rare path (<see cref="ScoreReliability"/> says when it is needed): float32 pairs are widened
/// to double eight at a time, float16 ones one at a time.
/// </para>
/// </remarks>
public static class PreciseDistance
{
    /// <summary>The score of a float32 <paramref name="query"/> against a <paramref name="stored"/> float32 or float16 vector, in double: squared L2, cosine distance, negated dot product or L1.</summary>
    /// <exception cref="ArgumentException">The metric is a bit metric, the element type is not float32 or float16, or the sizes do not match.</exception>
    public static double Score(Metric metric, ReadOnlySpan<float> query, ReadOnlySpan<byte> stored, VectorElement element)
    {
        if (element is not (VectorElement.Float32 or VectorElement.Float16) || !VectorElements.Supports(element, metric))
        {
            ThrowHelper.UnsupportedMetric(element, metric);
        }

        int bytes = VectorElements.BytesPerVector(element, query.Length);
        if (stored.Length != bytes)
        {
            ThrowHelper.LengthMismatch(nameof(stored), bytes, stored.Length);
        }

        ref float q = ref MemoryMarshal.GetReference(query);
        ref byte v = ref MemoryMarshal.GetReference(stored);
        return element == VectorElement.Float32
            ? Score<float>(metric, ref q, ref Unsafe.As<byte, float>(ref v), query.Length)
            : Score<Half>(metric, ref q, ref Unsafe.As<byte, Half>(ref v), query.Length);
    }

    /// <summary>As <see cref="Score(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/> over references, for the scorers.</summary>
    internal static double Score<TElement>(Metric metric, ref float query, ref TElement vector, int dimensions)
        where TElement : unmanaged => metric switch
        {
            Metric.L2 => SquaredL2(ref query, ref vector, dimensions),
            Metric.Cosine => Cosine(ref query, ref vector, dimensions),
            Metric.InnerProduct => -Dot(ref query, ref vector, dimensions),
            _ => L1(ref query, ref vector, dimensions),
        };

    private static double SquaredL2<TElement>(ref float a, ref TElement b, int length)
        where TElement : unmanaged => Sum<SquaredL2Step, TElement>(ref a, ref b, length).First;

    private static double Dot<TElement>(ref float a, ref TElement b, int length)
        where TElement : unmanaged => Sum<DotStep, TElement>(ref a, ref b, length).First;

    private static double L1<TElement>(ref float a, ref TElement b, int length)
        where TElement : unmanaged => Sum<L1Step, TElement>(ref a, ref b, length).First;

    /// <summary>1 - cos, 1 when either vector is zero, clamped to [0, 2] as the float32 kernel is.</summary>
    private static double Cosine<TElement>(ref float a, ref TElement b, int length)
        where TElement : unmanaged
    {
        Sums sums = Sum<CosineStep, TElement>(ref a, ref b, length);
        if (sums.Second == 0 || sums.Third == 0)
        {
            return 1.0;
        }

        return Math.Clamp(1.0 - (sums.First / (Math.Sqrt(sums.Second) * Math.Sqrt(sums.Third))), 0.0, 2.0);
    }

    /// <summary>Runs <typeparamref name="TStep"/> over every pair: widened in registers where the elements are float32, one by one otherwise and for the tail.</summary>
    private static Sums Sum<TStep, TElement>(ref float a, ref TElement b, int length)
        where TStep : struct, IPreciseStep
        where TElement : unmanaged
    {
        var sums = default(Sums);
        int i = typeof(TElement) == typeof(float) ? Wide<TStep>(ref a, ref Unsafe.As<TElement, float>(ref b), length, ref sums) : 0;
        double first = sums.First, second = sums.Second, third = sums.Third;
        for (; i < length; i++)
        {
            TStep.Accumulate(Unsafe.Add(ref a, i), Widen(ref b, i), ref first, ref second, ref third);
        }

        return new Sums(first, second, third);
    }

    /// <summary>Runs <typeparamref name="TStep"/> over whole groups of 8 float32 pairs, widened to double in registers; returns how many elements it covered.</summary>
    /// <remarks>
    /// A search falls back to double for every candidate of a query whose scores are all unreliable
    /// (a sparse inner-product query whose dot products are mostly exact zeros, say), so this path
    /// keeps SIMD speed, about half the float32 kernel's, rather than a scalar loop's sixteenth.
    /// </remarks>
    private static int Wide<TStep>(ref float a, ref float b, int length, ref Sums sums)
        where TStep : struct, IPreciseStep
    {
        if (!Vector256.IsHardwareAccelerated || length < Vector256<float>.Count)
        {
            return 0;
        }

        Vector256<double> first = Vector256<double>.Zero, second = Vector256<double>.Zero, third = Vector256<double>.Zero;
        int i = 0;
        for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
        {
            (Vector256<double> aLow, Vector256<double> aHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref a, (nuint)i));
            (Vector256<double> bLow, Vector256<double> bHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref b, (nuint)i));
            TStep.Accumulate(aLow, bLow, ref first, ref second, ref third);
            TStep.Accumulate(aHigh, bHigh, ref first, ref second, ref third);
        }

        sums = new Sums(Vector256.Sum(first), Vector256.Sum(second), Vector256.Sum(third));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Widen<TElement>(ref TElement values, int i)
        where TElement : unmanaged =>
        typeof(TElement) == typeof(float)
            ? Unsafe.As<TElement, float>(ref Unsafe.Add(ref values, i))
            : (double)Unsafe.As<TElement, Half>(ref Unsafe.Add(ref values, i));

    /// <summary>Partial sums of the widened loop: the metric's sum, and for cosine also the two squared norms.</summary>
    private readonly record struct Sums(double First, double Second, double Third);

    /// <summary>One metric's accumulation over four widened pairs, or one pair, as a struct type parameter.</summary>
    private interface IPreciseStep
    {
        static abstract void Accumulate(Vector256<double> a, Vector256<double> b, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> third);

        static abstract void Accumulate(double a, double b, ref double first, ref double second, ref double third);
    }

    private readonly struct SquaredL2Step : IPreciseStep
    {
        public static void Accumulate(Vector256<double> a, Vector256<double> b, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> third)
        {
            Vector256<double> d = a - b;
            first += d * d;
        }

        public static void Accumulate(double a, double b, ref double first, ref double second, ref double third)
        {
            double d = a - b;
            first += d * d;
        }
    }

    private readonly struct DotStep : IPreciseStep
    {
        public static void Accumulate(Vector256<double> a, Vector256<double> b, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> third) =>
            first += a * b;

        public static void Accumulate(double a, double b, ref double first, ref double second, ref double third) =>
            first += a * b;
    }

    private readonly struct L1Step : IPreciseStep
    {
        public static void Accumulate(Vector256<double> a, Vector256<double> b, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> third) =>
            first += Vector256.Abs(a - b);

        public static void Accumulate(double a, double b, ref double first, ref double second, ref double third) =>
            first += Math.Abs(a - b);
    }

    private readonly struct CosineStep : IPreciseStep
    {
        public static void Accumulate(Vector256<double> a, Vector256<double> b, ref Vector256<double> first, ref Vector256<double> second, ref Vector256<double> third)
        {
            first += a * b;
            second += a * a;
            third += b * b;
        }

        public static void Accumulate(double a, double b, ref double first, ref double second, ref double third)
        {
            first += a * b;
            second += a * a;
            third += b * b;
        }
    }
}
