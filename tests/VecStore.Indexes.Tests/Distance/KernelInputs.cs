using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Distance;

/// <summary>Inputs and tolerances shared by the kernel-against-scalar tests.</summary>
internal static class KernelInputs
{
    /// <summary>
    /// Kernels sum in float, in a different order from the sequential loop. Their error is
    /// compared relative to the sum of the absolute terms (for a dot product the result itself
    /// may cancel to near zero): 1e-5 allows for several thousand terms at float precision.
    /// </summary>
    public const double RelativeTolerance = 1e-5;

    /// <summary>Lengths 0..67: every width's full-register, overlapped-tail and scalar cases.</summary>
    public static TheoryData<int> ShortLengths()
    {
        var data = new TheoryData<int>();
        for (int length = 0; length <= 67; length++)
        {
            data.Add(length);
        }

        return data;
    }

    /// <summary>Random lengths up to 2000, fixed by the seed.</summary>
    public static int[] RandomLengths(int seed, int count)
    {
        Random random = RandomVectors.Create(seed);
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            lengths[i] = random.Next(0, 2001);
        }

        return lengths;
    }

    /// <summary>A pair of vectors whose magnitude varies from 1e-3 to 1e3 with the seed.</summary>
    public static (float[] A, float[] B) Pair(int seed, int length)
    {
        Random random = RandomVectors.Create(seed);
        float scale = MathF.Pow(10f, random.Next(-3, 4));
        float[] a = RandomVectors.Uniform(random, 1, length);
        float[] b = RandomVectors.Uniform(random, 1, length);
        for (int i = 0; i < length; i++)
        {
            a[i] *= scale;
            b[i] *= scale;
        }

        return (a, b);
    }

    public static void AssertClose(double expected, double actual, double scale, string what)
    {
        double allowed = (RelativeTolerance * scale) + 1e-30;
        Assert.True(
            Math.Abs(expected - actual) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R}, off by {Math.Abs(expected - actual):R} > {allowed:R}");
    }
}
