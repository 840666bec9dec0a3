using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Tests.Distance;

public sealed class DistanceKernelsMetricDefinitionTests
{
    private static readonly float[] A = [1f, 2f, 3f];
    private static readonly float[] B = [4f, 6f, 3f];

    [Fact]
    public void Distance_is_euclidean_for_L2() =>
        Assert.Equal(5f, DistanceKernels.Distance(Metric.L2, A, B));

    [Fact]
    public void Score_is_squared_euclidean_for_L2() =>
        Assert.Equal(25f, DistanceKernels.Score(Metric.L2, A, B));

    [Fact]
    public void Distance_is_negated_dot_product_for_InnerProduct() =>
        Assert.Equal(-25f, DistanceKernels.Distance(Metric.InnerProduct, A, B));

    [Fact]
    public void Distance_is_one_minus_cosine_for_Cosine()
    {
        double expected = 1.0 - (25.0 / (Math.Sqrt(14.0) * Math.Sqrt(61.0)));
        Assert.Equal(expected, DistanceKernels.Distance(Metric.Cosine, A, B), 1e-6);
    }

    [Fact]
    public void Distance_is_one_for_Cosine_when_query_is_zero() =>
        Assert.Equal(1f, DistanceKernels.Distance(Metric.Cosine, new float[3], B));

    [Fact]
    public void Distance_is_one_for_Cosine_when_stored_vector_is_zero() =>
        Assert.Equal(1f, DistanceKernels.Distance(Metric.Cosine, A, new float[3]));

    [Fact]
    public void Distance_is_one_for_Cosine_when_vectors_are_empty() =>
        Assert.Equal(1f, DistanceKernels.Distance(Metric.Cosine, [], []));

    [Fact]
    public void Distance_is_sum_of_absolute_differences_for_L1() =>
        Assert.Equal(7f, DistanceKernels.Distance(Metric.L1, A, B));

    [Fact]
    public void Distance_counts_differing_bits_for_Hamming() =>
        Assert.Equal(2f, DistanceKernels.Distance(Metric.Hamming, [1f, 0f, 1f, 1f], [1f, 1f, 0f, 1f]));

    [Fact]
    public void Distance_is_one_minus_intersection_over_union_for_Jaccard() =>
        Assert.Equal(0.5f, DistanceKernels.Distance(Metric.Jaccard, [1f, 0f, 1f, 1f], [1f, 1f, 0f, 1f]));

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.L1)]
    public void Distance_of_stored_bytes_equals_float_distance_for_float32_and_exactly_representable_float16(Metric metric)
    {
        // Small integers are exact in binary16, so both storages hold the same values.
        byte[] singles = System.Runtime.InteropServices.MemoryMarshal.AsBytes(B.AsSpan()).ToArray();
        byte[] halves = System.Runtime.InteropServices.MemoryMarshal.AsBytes(Array.ConvertAll(B, x => (Half)x).AsSpan()).ToArray();
        double expected = DistanceKernels.Distance(metric, A, B);
        Assert.Equal(expected, DistanceKernels.Distance(metric, A, singles, VectorElement.Float32));
        Assert.Equal(expected, DistanceKernels.Distance(metric, A, halves, VectorElement.Float16), 1e-6f);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.L1)]
    [InlineData(Metric.Hamming)]
    [InlineData(Metric.Jaccard)]
    public void Distance_throws_when_lengths_differ(Metric metric) =>
        Assert.Throws<ArgumentException>(() => DistanceKernels.Distance(metric, A, new float[2]));

    [Fact]
    public void Distance_throws_for_an_unknown_metric() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DistanceKernels.Distance((Metric)42, A, B));
}
