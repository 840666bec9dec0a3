using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class DotProductAgainstScalarTests
{
    [Theory]
    [MemberData(nameof(KernelInputs.ShortLengths), MemberType = typeof(KernelInputs))]
    public void Compute_matches_scalar_for_short_lengths(int length) => Check(seed: length, length);

    [Fact]
    public void Compute_matches_scalar_for_random_lengths_up_to_2000()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 3000, count: 200);
        for (int i = 0; i < lengths.Length; i++)
        {
            Check(seed: 30_000 + i, lengths[i]);
        }
    }

    [Fact]
    public void Each_vector_width_matches_scalar_for_lengths_it_accepts()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 3001, count: 100);
        for (int i = 0; i < lengths.Length; i++)
        {
            (float[] a, float[] b) = KernelInputs.Pair(40_000 + i, lengths[i]);
            float scalar = DotProduct.Scalar(a, b);
            double scale = SumOfAbsoluteProducts(a, b);
            ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
            ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
            if (Vector512.IsHardwareAccelerated && a.Length >= 16)
            {
                KernelInputs.AssertClose(scalar, DotProduct.Vector512Path(ref ra, ref rb, a.Length), scale, $"512-bit, length {a.Length}");
            }

            if (Vector256.IsHardwareAccelerated && a.Length >= 8)
            {
                KernelInputs.AssertClose(scalar, DotProduct.Vector256Path(ref ra, ref rb, a.Length), scale, $"256-bit, length {a.Length}");
            }

            if (Vector128.IsHardwareAccelerated && a.Length >= 4)
            {
                KernelInputs.AssertClose(scalar, DotProduct.Vector128Path(ref ra, ref rb, a.Length), scale, $"128-bit, length {a.Length}");
            }
        }
    }

    [Theory]
    [InlineData(17)]
    [InlineData(9)]
    [InlineData(5)]
    public void Compute_stays_infinite_when_an_overlapped_lane_holds_infinity(int length)
    {
        // For these lengths the overlapping tail load rereads element 1; masking its product, not
        // its input, keeps that from adding 0 * inf = NaN.
        var a = new float[length];
        var b = new float[length];
        a[1] = float.PositiveInfinity;
        b[1] = 1f;
        Assert.Equal(float.PositiveInfinity, DotProduct.Compute(a, b));
    }

    [Fact]
    public void Compute_throws_when_lengths_differ() =>
        Assert.Throws<ArgumentException>(() => DotProduct.Compute(new float[5], new float[4]));

    private static void Check(int seed, int length)
    {
        (float[] a, float[] b) = KernelInputs.Pair(seed, length);
        double reference = 0;
        for (int i = 0; i < length; i++)
        {
            reference += (double)a[i] * b[i];
        }

        double scale = SumOfAbsoluteProducts(a, b);
        float scalar = DotProduct.Scalar(a, b);
        float simd = DotProduct.Compute(a, b);
        KernelInputs.AssertClose(scalar, simd, scale, $"kernel against scalar, length {length}");
        KernelInputs.AssertClose(reference, scalar, scale, $"scalar against double, length {length}");
    }

    private static double SumOfAbsoluteProducts(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs((double)a[i] * b[i]);
        }

        return sum;
    }
}
