using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexMetricElementMismatchTests
{
    public static TheoryData<VectorElement, Metric> Unsupported() => new()
    {
        { VectorElement.Float32, Metric.Hamming },
        { VectorElement.Float32, Metric.Jaccard },
        { VectorElement.Float16, Metric.Hamming },
        { VectorElement.Float16, Metric.Jaccard },
        { VectorElement.Bit, Metric.L2 },
        { VectorElement.Bit, Metric.Cosine },
        { VectorElement.Bit, Metric.InnerProduct },
        { VectorElement.Bit, Metric.L1 },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Constructor_throws_when_the_metric_cannot_compare_the_element_type(VectorElement element, Metric metric)
    {
        var source = new ArrayVectorSource(new byte[VectorElements.BytesPerVector(element, 8)], element, dimensions: 8);
        Assert.Throws<ArgumentException>(() => new FlatIndex(source, metric));
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Distance_throws_when_the_metric_cannot_compare_the_element_type(VectorElement element, Metric metric) =>
        Assert.Throws<ArgumentException>(() => DistanceKernels.Distance(metric, new float[8], new byte[VectorElements.BytesPerVector(element, 8)], element));

    [Fact]
    public void Constructor_throws_for_an_unknown_metric() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlatIndex(new ArrayVectorSource(new float[4], dimensions: 4), (Metric)42));

    [Theory]
    [InlineData(0.5f)]
    [InlineData(2f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Bit_search_throws_when_a_query_element_is_not_0_or_1(float value)
    {
        var index = new FlatIndex(new ArrayVectorSource(new byte[16], VectorElement.Bit, dimensions: 70), Metric.Hamming);
        float[] query = new float[70];
        query[69] = value;
        Assert.Throws<ArgumentException>(() => index.Search(query, default(AcceptAll), new Neighbor[1]));
        Assert.Throws<ArgumentException>(() => index.SearchCandidates(query, [0], new Neighbor[1]));
    }

    [Fact]
    public void Distance_throws_when_the_stored_bytes_do_not_fit_the_dimensions() =>
        Assert.Throws<ArgumentException>(() => DistanceKernels.Distance(Metric.L2, new float[8], new byte[30], VectorElement.Float16));

    [Fact]
    public void Bit_search_accepts_negative_zero_as_0()
    {
        ulong[] stored = [0b10UL];
        var index = new FlatIndex(new ArrayVectorSource(MemoryMarshal.AsBytes(stored.AsSpan()).ToArray(), VectorElement.Bit, dimensions: 2), Metric.Hamming);
        var results = new Neighbor[1];
        Assert.Equal(1, index.Search([-0f, 1f], default(AcceptAll), results));
        Assert.Equal(new Neighbor(0, 0f), results[0]);
    }

    [Fact]
    public void Constructor_throws_for_an_unknown_element_type() =>
        Assert.Throws<ArgumentException>(() => new FlatIndex(new UnknownElementSource(), Metric.L2));

    [Fact]
    public void GetVector_throws_on_a_source_that_is_not_float32() =>
        Assert.Throws<InvalidOperationException>(() => new ArrayVectorSource(new byte[8], VectorElement.Float16, dimensions: 4).GetVector(0).Length);

    private sealed class UnknownElementSource : IVectorSource
    {
        public int Dimensions => 4;

        public VectorElement ElementType => (VectorElement)9;

        public int BlockCount => 0;

        public VectorBlock GetBlock(int index) => throw new ArgumentOutOfRangeException(nameof(index));

        public ReadOnlySpan<byte> GetVectorData(long id) => default;
    }
}
