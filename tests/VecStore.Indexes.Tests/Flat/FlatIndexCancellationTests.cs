using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>An exact scan stops at the block after its token is cancelled, on one thread or several, single, batched or by range; it never reads on to the end.</summary>
public sealed class FlatIndexCancellationTests
{
    private const int Blocks = 64;
    private const int Dimensions = 16;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_search_stops_within_a_block_per_thread_of_the_cancel(int threads)
    {
        var source = Source(cancelAtBlock: 3);
        var index = new FlatIndex(source, Metric.L2);
        var options = new FlatSearchOptions { MaxThreads = threads, ParallelThreshold = 0, CancellationToken = source.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(new float[Dimensions], new AcceptAll(), new Neighbor[5], options));

        Assert.InRange(source.BlocksHandedOut, 4, 4 + threads);
    }

    [Fact]
    public void A_batched_search_stops_at_the_next_block()
    {
        var source = Source(cancelAtBlock: 3);
        var index = new FlatIndex(source, Metric.L2);
        var options = new FlatSearchOptions { MaxThreads = 1, CancellationToken = source.Token };
        var queries = RandomVectors.Uniform(5, 8, Dimensions);

        Assert.ThrowsAny<OperationCanceledException>(() => index.SearchBatch(queries, 8, new AcceptAll(), new Neighbor[8 * 5], 5, new int[8], options: options));

        Assert.InRange(source.BlocksHandedOut, 4, 5);
    }

    [Fact]
    public void A_range_scan_stops_at_the_next_block()
    {
        var source = Source(cancelAtBlock: 3);
        var index = new FlatIndex(source, Metric.L2);

        Assert.ThrowsAny<OperationCanceledException>(() => index.SearchRange(new float[Dimensions], DistanceBounds.All, new AcceptAll(), [], source.Token));

        Assert.Equal(4, source.BlocksHandedOut);
    }

    private static CancellingSource Source(int cancelAtBlock) =>
        new(new ArrayVectorSource(RandomVectors.Uniform(3, Blocks * 64, Dimensions), Dimensions, blockSize: 64), cancelAtBlock);
}
