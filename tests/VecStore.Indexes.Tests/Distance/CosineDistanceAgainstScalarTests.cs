using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class CosineDistanceAgainstScalarTests
{
    // A cosine distance lies in [0, 2]; with both sums within KernelInputs.RelativeTolerance of
    // their scales, the distance is off by at most a few times that, absolutely.
    private const double DistanceTolerance = 3e-5;

    [Theory]
    [MemberData(nameof(KernelInputs.ShortLengths), MemberType = typeof(KernelInputs))]
    public void DotAndSquaredNorm_matches_scalar_for_short_lengths(int length) => CheckParts(seed: length, length);

    [Fact]
    public void DotAndSquaredNorm_matches_scalar_for_random_lengths_up_to_2000()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 5000, count: 200);
        for (int i = 0; i < lengths.Length; i++)
        {
            CheckParts(seed: 50_000 + i, lengths[i]);
        }
    }

    [Fact]
    public void Each_vector_width_matches_scalar_for_lengths_it_accepts()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 5001, count: 100);
        for (int i = 0; i < lengths.Length; i++)
        {
            (float[] a, float[] b) = KernelInputs.Pair(60_000 + i, lengths[i]);
            (double dotScale, double normScale) = Scales(a, b);
            ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
            ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
            float dot = CosineDistance.Scalar(ref ra, ref rb, a.Length, out float norm);
            if (Vector512.IsHardwareAccelerated && a.Length >= 16)
            {
                float d = CosineDistance.Vector512Path(ref ra, ref rb, a.Length, out float n);
                KernelInputs.AssertClose(dot, d, dotScale, $"512-bit dot, length {a.Length}");
                KernelInputs.AssertClose(norm, n, normScale, $"512-bit norm, length {a.Length}");
            }

            if (Vector256.IsHardwareAccelerated && a.Length >= 8)
            {
                float d = CosineDistance.Vector256Path(ref ra, ref rb, a.Length, out float n);
                KernelInputs.AssertClose(dot, d, dotScale, $"256-bit dot, length {a.Length}");
                KernelInputs.AssertClose(norm, n, normScale, $"256-bit norm, length {a.Length}");
            }

            if (Vector128.IsHardwareAccelerated && a.Length >= 4)
            {
                float d = CosineDistance.Vector128Path(ref ra, ref rb, a.Length, out float n);
                KernelInputs.AssertClose(dot, d, dotScale, $"128-bit dot, length {a.Length}");
                KernelInputs.AssertClose(norm, n, normScale, $"128-bit norm, length {a.Length}");
            }
        }
    }

    [Fact]
    public void Compute_matches_double_reference_for_random_lengths()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 5002, count: 200);
        for (int i = 0; i < lengths.Length; i++)
        {
            (float[] a, float[] b) = KernelInputs.Pair(70_000 + i, Math.Max(1, lengths[i]));
            double dot = 0, aa = 0, bb = 0;
            for (int j = 0; j < a.Length; j++)
            {
                dot += (double)a[j] * b[j];
                aa += (double)a[j] * a[j];
                bb += (double)b[j] * b[j];
            }

            double expected = 1.0 - (dot / Math.Sqrt(aa * bb));
            float actual = CosineDistance.Compute(a, b);
            Assert.True(Math.Abs(expected - actual) <= DistanceTolerance, $"length {a.Length}: expected {expected:R}, got {actual:R}");
            Assert.InRange(actual, 0f, 2f);
        }
    }

    [Fact]
    public void Compute_is_within_0_and_2_for_parallel_and_opposite_vectors()
    {
        (float[] a, _) = KernelInputs.Pair(seed: 5003, length: 777);
        float[] opposite = Array.ConvertAll(a, x => -x);
        Assert.InRange(CosineDistance.Compute(a, a), 0f, 1e-6f);
        Assert.InRange(CosineDistance.Compute(a, opposite), 2f - 1e-6f, 2f);
    }

    private static void CheckParts(int seed, int length)
    {
        (float[] a, float[] b) = KernelInputs.Pair(seed, length);
        (double dotScale, double normScale) = Scales(a, b);
        double dotReference = 0;
        for (int i = 0; i < length; i++)
        {
            dotReference += (double)a[i] * b[i];
        }

        ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        float scalarDot = CosineDistance.Scalar(ref ra, ref rb, length, out float scalarNorm);
        float dot = CosineDistance.DotAndSquaredNorm(ref ra, ref rb, length, out float norm);
        KernelInputs.AssertClose(scalarDot, dot, dotScale, $"dot against scalar, length {length}");
        KernelInputs.AssertClose(scalarNorm, norm, normScale, $"norm against scalar, length {length}");
        KernelInputs.AssertClose(dotReference, scalarDot, dotScale, $"scalar dot against double, length {length}");
        KernelInputs.AssertClose(normScale, scalarNorm, normScale, $"scalar norm against double, length {length}");
    }

    private static (double Dot, double Norm) Scales(float[] a, float[] b)
    {
        double dot = 0, norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += Math.Abs((double)a[i] * b[i]);
            norm += (double)b[i] * b[i];
        }

        return (dot, norm);
    }
}
