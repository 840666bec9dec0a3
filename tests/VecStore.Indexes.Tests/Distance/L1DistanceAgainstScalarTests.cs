using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class L1DistanceAgainstScalarTests
{
    [Theory]
    [MemberData(nameof(KernelInputs.ShortLengths), MemberType = typeof(KernelInputs))]
    public void Compute_matches_scalar_for_short_lengths(int length) => Check(seed: length, length);

    [Fact]
    public void Compute_matches_scalar_for_random_lengths_up_to_2000()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 8000, count: 200);
        for (int i = 0; i < lengths.Length; i++)
        {
            Check(seed: 80_000 + i, lengths[i]);
        }
    }

    [Fact]
    public void Each_vector_width_matches_scalar_for_lengths_it_accepts()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 8001, count: 100);
        for (int i = 0; i < lengths.Length; i++)
        {
            (float[] a, float[] b) = KernelInputs.Pair(81_000 + i, lengths[i]);
            float scalar = L1Distance.Scalar(a, b);
            double scale = Reference(a, b);
            ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
            ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
            if (Vector512.IsHardwareAccelerated && a.Length >= 16)
            {
                KernelInputs.AssertClose(scalar, L1Distance.Vector512Path(ref ra, ref rb, a.Length), scale, $"512-bit, length {a.Length}");
            }

            if (Vector256.IsHardwareAccelerated && a.Length >= 8)
            {
                KernelInputs.AssertClose(scalar, L1Distance.Vector256Path(ref ra, ref rb, a.Length), scale, $"256-bit, length {a.Length}");
            }

            if (Vector128.IsHardwareAccelerated && a.Length >= 4)
            {
                KernelInputs.AssertClose(scalar, L1Distance.Vector128Path(ref ra, ref rb, a.Length), scale, $"128-bit, length {a.Length}");
            }
        }
    }

    [Fact]
    public void Compute_throws_when_lengths_differ() =>
        Assert.Throws<ArgumentException>(() => L1Distance.Compute(new float[3], new float[4]));

    private static void Check(int seed, int length)
    {
        (float[] a, float[] b) = KernelInputs.Pair(seed, length);
        double reference = Reference(a, b);
        float scalar = L1Distance.Scalar(a, b);
        float simd = L1Distance.Compute(a, b);

        // Every term is non-negative, so the reference is its own scale.
        KernelInputs.AssertClose(scalar, simd, reference, $"kernel against scalar, length {length}");
        KernelInputs.AssertClose(reference, scalar, reference, $"scalar against double, length {length}");
    }

    private static double Reference(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs((double)a[i] - b[i]);
        }

        return sum;
    }
}
