using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class JaccardDistanceAgainstScalarTests
{
    [Theory]
    [MemberData(nameof(BitInputs.ShortWordCounts), MemberType = typeof(BitInputs))]
    public void Every_path_matches_scalar_for_short_word_counts(int words) => Check(seed: words, dimensions: words * 64);

    [Fact]
    public void Every_path_matches_scalar_for_random_bit_lengths_up_to_2000_words()
    {
        Random random = TestSupport.RandomVectors.Create(4000);
        for (int i = 0; i < 200; i++)
        {
            Check(seed: 40_000 + i, dimensions: random.Next(0, (2000 * 64) + 1));
        }
    }

    [Fact]
    public void Compute_is_one_minus_intersection_over_union_of_float_bit_vectors()
    {
        Random random = TestSupport.RandomVectors.Create(4001);
        for (int i = 0; i < 100; i++)
        {
            int dimensions = random.Next(0, 2001);
            (ulong[] a, ulong[] b) = BitInputs.Pair(41_000 + i, dimensions);
            float[] fa = BitInputs.ToFloats(a, dimensions);
            float[] fb = BitInputs.ToFloats(b, dimensions);
            int both = 0, either = 0;
            for (int j = 0; j < dimensions; j++)
            {
                both += fa[j] == 1 && fb[j] == 1 ? 1 : 0;
                either += fa[j] == 1 || fb[j] == 1 ? 1 : 0;
            }

            float expected = either == 0 ? 0f : (float)((double)(either - both) / either);
            Assert.Equal(expected, JaccardDistance.Compute(a, b));
            Assert.Equal(expected, DistanceKernels.Distance(Metric.Jaccard, fa, fb));
            Assert.Equal(expected, DistanceKernels.Distance(Metric.Jaccard, fa, MemoryMarshal.AsBytes(b.AsSpan()), VectorElement.Bit));
        }
    }

    [Fact]
    public void Compute_is_zero_when_both_vectors_are_all_zero() =>
        Assert.Equal(0f, JaccardDistance.Compute(new ulong[5], new ulong[5]));

    [Fact]
    public void Compute_is_one_when_no_set_bit_is_shared() =>
        Assert.Equal(1f, JaccardDistance.Compute([0b1010UL], [0b0101UL]));

    [Fact]
    public void Compute_throws_when_lengths_differ() =>
        Assert.Throws<ArgumentException>(() => JaccardDistance.Compute(new ulong[3], new ulong[4]));

    private static void Check(int seed, int dimensions)
    {
        (ulong[] a, ulong[] b) = BitInputs.Pair(seed, dimensions);
        int words = a.Length;
        ref ulong ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref ulong rb = ref MemoryMarshal.GetArrayDataReference(b);
        string expected = Counts(JaccardDistance.Scalar(ref ra, ref rb, words, out int union), union);
        Assert.Equal(expected, Counts(JaccardDistance.Counts(ref ra, ref rb, words, out union), union));
        Assert.Equal(expected, Counts(JaccardDistance.Unrolled(ref ra, ref rb, words, out union), union));
        if (Avx512BW.IsSupported && words >= 8)
        {
            Assert.Equal(expected, Counts(JaccardDistance.Vector512Path(ref ra, ref rb, words, out union), union));
        }

        if (Avx2.IsSupported && words >= 4)
        {
            Assert.Equal(expected, Counts(JaccardDistance.Vector256Path(ref ra, ref rb, words, out union), union));
        }

        if (Ssse3.IsSupported && words >= 2)
        {
            Assert.Equal(expected, Counts(JaccardDistance.Vector128Path(ref ra, ref rb, words, out union), union));
        }
    }

    private static string Counts(int intersection, int union) => $"{intersection} of {union}";
}
