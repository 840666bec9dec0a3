using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Distance;

/// <summary>The kernels that score several stored vectors per call give each vector exactly what the one-vector kernel gives it.</summary>
public sealed class FourVectorKernelsAgainstOneVectorTests
{
    [Theory]
    [MemberData(nameof(KernelInputs.ShortLengths), MemberType = typeof(KernelInputs))]
    public void Kernels_equal_one_vector_kernels_for_short_lengths(int length) => Check(seed: length, length);

    [Fact]
    public void Kernels_equal_one_vector_kernels_for_random_lengths_up_to_2000()
    {
        int[] lengths = KernelInputs.RandomLengths(seed: 6000, count: 100);
        for (int i = 0; i < lengths.Length; i++)
        {
            Check(seed: 60_000 + i, lengths[i]);
        }
    }

    [Fact]
    public void Every_scorer_scores_four_vectors_as_it_scores_one()
    {
        Random random = RandomVectors.Create(6001);
        foreach (int dimensions in new[] { 3, 16, 64, 100, 130 })
        {
            Check<L2Scorer>(random, dimensions);
            Check<CosineScorer>(random, dimensions);
            Check<InnerProductScorer>(random, dimensions);
            Check<L1Scorer>(random, dimensions);
            Check<Float16L2Scorer>(random, dimensions);
            Check<Float16CosineScorer>(random, dimensions);
            Check<Float16InnerProductScorer>(random, dimensions);
            Check<Float16L1Scorer>(random, dimensions);
            Check<HammingScorer>(random, dimensions);
            Check<JaccardScorer>(random, dimensions);
        }
    }

    private static void Check(int seed, int length)
    {
        Random random = RandomVectors.Create(seed);
        int stride = length + random.Next(0, 20);
        float[] query = RandomVectors.Uniform(random, 1, length);
        float[] rows = RandomVectors.Uniform(random, 4, Math.Max(stride, 1));
        ref float q = ref MemoryMarshal.GetArrayDataReference(query);
        ref float first = ref MemoryMarshal.GetArrayDataReference(rows);

        Vector128<float> l2 = SquaredL2.ComputeFour(ref q, ref first, stride, length);
        Vector128<float> dot = DotProduct.ComputeFour(ref q, ref first, stride, length);
        Vector128<float> l1 = L1Distance.ComputeFour(ref q, ref first, stride, length);
        Vector128<float> front = CosineDistance.DotAndSquaredNormTwo(ref q, ref first, stride, length);
        Vector128<float> back = CosineDistance.DotAndSquaredNormTwo(ref q, ref Unsafe(ref first, 2 * stride), stride, length);
        for (int r = 0; r < 4; r++)
        {
            ref float row = ref Unsafe(ref first, r * stride);
            Same(SquaredL2.Compute(ref q, ref row, length), l2[r], $"squared L2, length {length}, row {r}");
            Same(DotProduct.Compute(ref q, ref row, length), dot[r], $"dot, length {length}, row {r}");
            Same(L1Distance.Compute(ref q, ref row, length), l1[r], $"L1, length {length}, row {r}");
            float d = CosineDistance.DotAndSquaredNorm(ref q, ref row, length, out float norm);
            Vector128<float> parts = r < 2 ? front : back;
            Same(d, parts[2 * (r % 2)], $"cosine dot, length {length}, row {r}");
            Same(norm, parts[(2 * (r % 2)) + 1], $"cosine norm, length {length}, row {r}");
        }
    }

    private static void Check<TScorer>(Random random, int dimensions)
        where TScorer : struct, IScorer
    {
        int stride = VectorElements.BytesPerVector(TScorer.Element, dimensions);
        byte[] rows = Flat.RandomSourceCase.RandomData(random, TScorer.Element, 4, dimensions);
        float[] query = Flat.RandomSourceCase.RandomQuery(random, TScorer.Element, dimensions);
        byte[] encoded = TScorer.Element == VectorElement.Bit ? Packed(query) : MemoryMarshal.AsBytes(query.AsSpan()).ToArray();
        double prepared = TScorer.Prepare(query);
        ref byte q = ref MemoryMarshal.GetArrayDataReference(encoded);
        ref byte first = ref MemoryMarshal.GetArrayDataReference(rows);

        Vector128<float> four = TScorer.ScoreFour(ref q, ref first, stride, dimensions, prepared);
        for (int r = 0; r < 4; r++)
        {
            Same(TScorer.Score(ref q, ref System.Runtime.CompilerServices.Unsafe.Add(ref first, r * stride), dimensions, prepared), four[r], $"{typeof(TScorer).Name}, {dimensions} dimensions, row {r}");
        }
    }

    private static byte[] Packed(float[] bits)
    {
        var words = new ulong[VectorElements.BitWords(bits.Length)];
        VectorElements.PackBits(bits, words);
        return MemoryMarshal.AsBytes(words.AsSpan()).ToArray();
    }

    private static ref float Unsafe(ref float start, int offset) => ref System.Runtime.CompilerServices.Unsafe.Add(ref start, offset);

    private static void Same(float expected, float actual, string what) =>
        Assert.True(expected.Equals(actual), $"{what}: expected {expected:R}, got {actual:R}");
}
