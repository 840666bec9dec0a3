using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexParallelScanTests
{
    private static readonly FlatSearchOptions SingleThread = new() { MaxThreads = 1 };

    public static TheoryData<int, Metric, bool> Cases()
    {
        var data = new TheoryData<int, Metric, bool>();
        for (int seed = 200; seed < 215; seed++)
        {
            data.Add(seed, Metric.L2, false);
            data.Add(seed, Metric.Cosine, seed % 2 == 0);
            data.Add(seed, Metric.InnerProduct, seed % 3 == 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_on_several_threads_equals_single_thread_when_threshold_is_forced(int seed, Metric metric, bool farthest)
    {
        RandomSourceCase c = RandomSourceCase.Create(seed, maxCount: 4000, maxDimensions: 64);
        var index = new FlatIndex(c.Source, metric, SingleThread);
        var expected = new Neighbor[c.K];
        int expectedCount = c.Search(index, expected, farthest);

        foreach (int threads in new[] { 2, 3, 4 })
        {
            var results = new Neighbor[c.K];
            int written = c.Search(index, results, farthest, new FlatSearchOptions { MaxThreads = threads, ParallelThreshold = 0 });
            Assert.Equal(expected[..expectedCount], results[..written]);
        }

        Assert.Equal(c.BruteForce(metric, farthest), expected[..expectedCount]);
    }

    [Fact]
    public void Search_with_default_options_equals_single_thread_above_default_threshold()
    {
        // 1100 x 1000 floats is just over FlatSearchOptions.DefaultParallelThreshold.
        const int Count = 1100, Dimensions = 1000;
        Assert.True((long)Count * Dimensions > FlatSearchOptions.DefaultParallelThreshold);
        float[] data = TestSupport.RandomVectors.Uniform(seed: 300, Count, Dimensions);
        var source = new ArrayVectorSource(data, Dimensions, blockSize: 64);
        float[] query = TestSupport.RandomVectors.Uniform(seed: 301, 1, Dimensions);
        var index = new FlatIndex(source, Metric.L2, new FlatSearchOptions { MaxThreads = 2 });

        var parallel = new Neighbor[25];
        var single = new Neighbor[25];
        index.Search(query, default(AcceptAll), parallel);
        index.Search(query, default(AcceptAll), single, SingleThread);

        Assert.Equal(single, parallel);
    }

    [Fact]
    public void ParallelBlockScan_merges_blocks_scanned_by_two_threads_into_the_single_thread_result()
    {
        float[] data = TestSupport.RandomVectors.Uniform(seed: 302, 3000, 24);
        float[] query = TestSupport.RandomVectors.Uniform(seed: 303, 1, 24);
        var plain = new ArrayVectorSource(data, 24, blockSize: 50);
        var rendezvous = new RendezvousSource(plain);
        var expected = new Neighbor[40];
        var actual = new Neighbor[40];

        int expectedCount = ParallelBlockScan<L2Scorer, NearestFirst, AcceptAll>.Run(plain, System.Runtime.InteropServices.MemoryMarshal.AsBytes(query.AsSpan()), 0, default, expected, threads: 1);
        int actualCount = ParallelBlockScan<L2Scorer, NearestFirst, AcceptAll>.Run(rendezvous, System.Runtime.InteropServices.MemoryMarshal.AsBytes(query.AsSpan()), 0, default, actual, threads: 2);

        Assert.Equal(2, rendezvous.ThreadCount);
        Assert.Equal(expected[..expectedCount], actual[..actualCount]);
    }

    [Fact]
    public void Search_on_several_threads_rethrows_a_malformed_block_unwrapped()
    {
        var index = new FlatIndex(new TruncatedSource(), Metric.L2, new FlatSearchOptions { MaxThreads = 2, ParallelThreshold = 0 });
        Assert.Throws<ArgumentException>(() => index.Search([0f, 0f], default(AcceptAll), new Neighbor[3]));
    }

    /// <summary>Holds the first thread in <see cref="GetBlock"/> until a second thread arrives, so that both scan blocks.</summary>
    private sealed class RendezvousSource(IVectorSource inner) : IVectorSource
    {
        private readonly HashSet<int> _threads = [];
        private readonly ManualResetEventSlim _secondArrived = new(false);

        public int ThreadCount
        {
            get
            {
                lock (_threads)
                {
                    return _threads.Count;
                }
            }
        }

        public int Dimensions => inner.Dimensions;

        public int BlockCount => inner.BlockCount;

        public VectorBlock GetBlock(int index)
        {
            lock (_threads)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
                if (_threads.Count >= 2)
                {
                    _secondArrived.Set();
                }
            }

            Assert.True(_secondArrived.Wait(TimeSpan.FromSeconds(30)), "no helper thread joined the scan");
            return inner.GetBlock(index);
        }

        public ReadOnlySpan<byte> GetVectorData(long id) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(GetVector(id));

        public ReadOnlySpan<float> GetVector(long id) => inner.GetVector(id);
    }

    /// <summary>A source whose block 1 declares more vectors than it holds.</summary>
    private sealed class TruncatedSource : IVectorSource
    {
        private readonly float[] _data = new float[8];

        public int Dimensions => 2;

        public int BlockCount => 4;

        public VectorBlock GetBlock(int index) =>
            new(index == 1 ? 3 : 2, _data.AsSpan(0, 4), index * 10, default, default);

        public ReadOnlySpan<byte> GetVectorData(long id) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(GetVector(id));

        public ReadOnlySpan<float> GetVector(long id) => default;
    }
}
