using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

/// <summary>The float32-query, float16-storage kernels: every path against the scalar twin and a double reference.</summary>
public sealed class Float16KernelsAgainstScalarTests
{
    public enum Kernel
    {
        SquaredL2,
        Dot,
        L1,
        CosineDot,
        CosineNorm,
    }

    private delegate float Path(ref float query, ref Half stored, int length);

    public static TheoryData<Kernel, int> ShortLengths()
    {
        var data = new TheoryData<Kernel, int>();
        foreach (Kernel kernel in Enum.GetValues<Kernel>())
        {
            for (int length = 0; length <= 67; length++)
            {
                data.Add(kernel, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShortLengths))]
    public void Kernel_matches_scalar_for_short_lengths(Kernel kernel, int length) => Check(kernel, seed: length, length);

    [Theory]
    [InlineData(Kernel.SquaredL2)]
    [InlineData(Kernel.Dot)]
    [InlineData(Kernel.L1)]
    [InlineData(Kernel.CosineDot)]
    [InlineData(Kernel.CosineNorm)]
    public void Kernel_and_each_width_match_scalar_for_random_lengths_up_to_2000(Kernel kernel)
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 9000 + (int)kernel, count: 150);
        for (int i = 0; i < lengths.Length; i++)
        {
            Check(kernel, seed: 90_000 + i, lengths[i]);
        }
    }

    [Fact]
    public void Public_overloads_compute_what_the_scalar_twins_compute()
    {
        (float[] query, Half[] stored) = Pair(seed: 9100, length: 300);
        float[] widened = Array.ConvertAll(stored, h => (float)h);
        double l2 = 0, dot = 0, l1 = 0, absDot = 0;
        for (int i = 0; i < query.Length; i++)
        {
            double d = (double)query[i] - widened[i];
            l2 += d * d;
            l1 += Math.Abs(d);
            dot += (double)query[i] * widened[i];
            absDot += Math.Abs((double)query[i] * widened[i]);
        }

        KernelInputs.AssertClose(l2, SquaredL2.Compute(query, stored), l2, "squared L2");
        KernelInputs.AssertClose(l1, L1Distance.Compute(query, stored), l1, "L1");
        KernelInputs.AssertClose(dot, DotProduct.Compute(query, stored), absDot, "dot");
        Assert.Equal(CosineDistance.Compute(query, widened), CosineDistance.Compute(query, stored), 1e-5f);
    }

    [Fact]
    public void Public_overloads_throw_when_lengths_differ()
    {
        Assert.Throws<ArgumentException>(() => SquaredL2.Compute(new float[3], new Half[4]));
        Assert.Throws<ArgumentException>(() => DotProduct.Compute(new float[3], new Half[4]));
        Assert.Throws<ArgumentException>(() => L1Distance.Compute(new float[3], new Half[4]));
        Assert.Throws<ArgumentException>(() => CosineDistance.Compute(new float[3], new Half[4]));
    }

    private static void Check(Kernel kernel, int seed, int length)
    {
        (float[] query, Half[] stored) = Pair(seed, length);
        (double reference, double scale) = Reference(kernel, query, stored);
        ref float q = ref MemoryMarshal.GetArrayDataReference(query);
        ref Half s = ref MemoryMarshal.GetArrayDataReference(stored);
        float scalar = ScalarOf(kernel)(ref q, ref s, length);
        KernelInputs.AssertClose(reference, scalar, scale, $"{kernel} scalar against double, length {length}");
        KernelInputs.AssertClose(scalar, LadderOf(kernel)(ref q, ref s, length), scale, $"{kernel} kernel against scalar, length {length}");
        if (Vector512.IsHardwareAccelerated && length >= 16)
        {
            KernelInputs.AssertClose(scalar, WidthOf(kernel, 512)(ref q, ref s, length), scale, $"{kernel} 512-bit, length {length}");
        }

        if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            KernelInputs.AssertClose(scalar, WidthOf(kernel, 256)(ref q, ref s, length), scale, $"{kernel} 256-bit, length {length}");
        }

        if (Vector128.IsHardwareAccelerated && length >= 4)
        {
            KernelInputs.AssertClose(scalar, WidthOf(kernel, 128)(ref q, ref s, length), scale, $"{kernel} 128-bit, length {length}");
        }
    }

    private static (float[] Query, Half[] Stored) Pair(int seed, int length)
    {
        (float[] a, float[] b) = KernelInputs.Pair(seed, length);
        return (a, Array.ConvertAll(b, x => (Half)x));
    }

    /// <summary>The exact value in double, and the sum of absolute terms that scales the tolerance.</summary>
    private static (double Value, double Scale) Reference(Kernel kernel, float[] query, Half[] stored)
    {
        double value = 0, scale = 0;
        for (int i = 0; i < query.Length; i++)
        {
            double q = query[i], s = (double)(float)stored[i];
            double term = kernel switch
            {
                Kernel.SquaredL2 => (q - s) * (q - s),
                Kernel.Dot or Kernel.CosineDot => q * s,
                Kernel.L1 => Math.Abs(q - s),
                _ => s * s,
            };
            value += term;
            scale += Math.Abs(term);
        }

        return (value, scale);
    }

    private static Path ScalarOf(Kernel kernel) => kernel switch
    {
        Kernel.SquaredL2 => SquaredL2.Scalar,
        Kernel.Dot => DotProduct.Scalar,
        Kernel.L1 => L1Distance.Scalar,
        Kernel.CosineDot => (ref float q, ref Half s, int n) => CosineDistance.Scalar(ref q, ref s, n, out _),
        _ => (ref float q, ref Half s, int n) => Norm(CosineDistance.Scalar(ref q, ref s, n, out float norm), norm),
    };

    private static Path LadderOf(Kernel kernel) => kernel switch
    {
        Kernel.SquaredL2 => SquaredL2.Compute,
        Kernel.Dot => DotProduct.Compute,
        Kernel.L1 => L1Distance.Compute,
        Kernel.CosineDot => (ref float q, ref Half s, int n) => CosineDistance.DotAndSquaredNorm(ref q, ref s, n, out _),
        _ => (ref float q, ref Half s, int n) => Norm(CosineDistance.DotAndSquaredNorm(ref q, ref s, n, out float norm), norm),
    };

    private static Path WidthOf(Kernel kernel, int bits) => (kernel, bits) switch
    {
        (Kernel.SquaredL2, 512) => SquaredL2.Vector512Path,
        (Kernel.SquaredL2, 256) => SquaredL2.Vector256Path,
        (Kernel.SquaredL2, _) => SquaredL2.Vector128Path,
        (Kernel.Dot, 512) => DotProduct.Vector512Path,
        (Kernel.Dot, 256) => DotProduct.Vector256Path,
        (Kernel.Dot, _) => DotProduct.Vector128Path,
        (Kernel.L1, 512) => L1Distance.Vector512Path,
        (Kernel.L1, 256) => L1Distance.Vector256Path,
        (Kernel.L1, _) => L1Distance.Vector128Path,
        (Kernel.CosineDot, 512) => (ref float q, ref Half s, int n) => CosineDistance.Vector512Path(ref q, ref s, n, out _),
        (Kernel.CosineDot, 256) => (ref float q, ref Half s, int n) => CosineDistance.Vector256Path(ref q, ref s, n, out _),
        (Kernel.CosineDot, _) => (ref float q, ref Half s, int n) => CosineDistance.Vector128Path(ref q, ref s, n, out _),
        (_, 512) => (ref float q, ref Half s, int n) => Norm(CosineDistance.Vector512Path(ref q, ref s, n, out float norm), norm),
        (_, 256) => (ref float q, ref Half s, int n) => Norm(CosineDistance.Vector256Path(ref q, ref s, n, out float norm), norm),
        _ => (ref float q, ref Half s, int n) => Norm(CosineDistance.Vector128Path(ref q, ref s, n, out float norm), norm),
    };

    private static float Norm(float dot, float norm) => norm;
}
