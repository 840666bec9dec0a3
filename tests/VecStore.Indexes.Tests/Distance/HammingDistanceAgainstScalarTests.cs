using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class HammingDistanceAgainstScalarTests
{
    [Theory]
    [MemberData(nameof(BitInputs.ShortWordCounts), MemberType = typeof(BitInputs))]
    public void Every_path_matches_scalar_for_short_word_counts(int words) => Check(seed: words, dimensions: words * 64);

    [Fact]
    public void Every_path_matches_scalar_for_random_bit_lengths_up_to_2000_words()
    {
        Random random = TestSupport.RandomVectors.Create(3000);
        for (int i = 0; i < 200; i++)
        {
            // Any bit length, most of them not a multiple of 64.
            Check(seed: 30_000 + i, dimensions: random.Next(0, (2000 * 64) + 1));
        }
    }

    [Fact]
    public void Compute_counts_the_differing_bits_of_float_bit_vectors()
    {
        Random random = TestSupport.RandomVectors.Create(3001);
        for (int i = 0; i < 100; i++)
        {
            int dimensions = random.Next(0, 2001);
            (ulong[] a, ulong[] b) = BitInputs.Pair(31_000 + i, dimensions);
            float[] fa = BitInputs.ToFloats(a, dimensions);
            float[] fb = BitInputs.ToFloats(b, dimensions);
            int expected = 0;
            for (int j = 0; j < dimensions; j++)
            {
                expected += fa[j] != fb[j] ? 1 : 0;
            }

            Assert.Equal(expected, HammingDistance.Compute(a, b));
            Assert.Equal(expected, DistanceKernels.Distance(Metric.Hamming, fa, fb));
            Assert.Equal(expected, DistanceKernels.Distance(Metric.Hamming, fa, MemoryMarshal.AsBytes(b.AsSpan()), VectorElement.Bit));
        }
    }

    [Fact]
    public void Compute_throws_when_lengths_differ() =>
        Assert.Throws<ArgumentException>(() => HammingDistance.Compute(new ulong[3], new ulong[4]));

    private static void Check(int seed, int dimensions)
    {
        (ulong[] a, ulong[] b) = BitInputs.Pair(seed, dimensions);
        int words = a.Length;
        ref ulong ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref ulong rb = ref MemoryMarshal.GetArrayDataReference(b);
        int scalar = HammingDistance.Scalar(a, b);
        Assert.Equal(scalar, HammingDistance.Compute(a, b));
        Assert.Equal(scalar, HammingDistance.Unrolled(ref ra, ref rb, words));
        if (Avx512BW.IsSupported && words >= 8)
        {
            Assert.Equal(scalar, HammingDistance.Vector512Path(ref ra, ref rb, words));
        }

        if (Avx2.IsSupported && words >= 4)
        {
            Assert.Equal(scalar, HammingDistance.Vector256Path(ref ra, ref rb, words));
        }

        if (Ssse3.IsSupported && words >= 2)
        {
            Assert.Equal(scalar, HammingDistance.Vector128Path(ref ra, ref rb, words));
        }
    }
}
