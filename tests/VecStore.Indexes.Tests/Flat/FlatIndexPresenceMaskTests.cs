using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;

namespace VecStore.Indexes.Tests.Flat;

public sealed class FlatIndexPresenceMaskTests
{
    [Fact]
    public void Search_ignores_presence_bits_past_the_end_of_a_block()
    {
        // 70 one-dimensional vectors valued by position, the nearest to the query being past
        // Count; every presence bit set, including the 58 meaningless ones of the second word.
        var source = new OverfullMaskSource(count: 70, capacity: 128);
        var index = new FlatIndex(source, Metric.L2);
        var results = new Neighbor[3];

        int written = index.Search([1000f], default(AcceptAll), results);

        Assert.Equal(3, written);
        Assert.Equal([69L, 68L, 67L], results.Select(r => r.Id));
    }

    [Fact]
    public void Search_skips_absent_positions_when_every_word_is_sparse()
    {
        // Only every other position is present, so no word takes the whole-word path.
        var present = new ulong[2];
        present[0] = present[1] = 0x5555_5555_5555_5555UL;
        float[] data = Enumerable.Range(0, 128).Select(i => (float)i).ToArray();
        var index = new FlatIndex(new ArrayVectorSource(data, dimensions: 1, blockSize: 128, present: present), Metric.L2);
        var results = new Neighbor[4];

        index.Search([63f], default(AcceptAll), results);

        Assert.Equal([62L, 64L, 60L, 66L], results.Select(r => r.Id));
    }

    /// <summary>One block whose vectors and presence words run past its declared count, as a reused page might.</summary>
    private sealed class OverfullMaskSource(int count, int capacity) : IVectorSource
    {
        private readonly float[] _data = Enumerable.Range(0, capacity).Select(i => (float)i).ToArray();
        private readonly ulong[] _present = [ulong.MaxValue, ulong.MaxValue];

        public int Dimensions => 1;

        public int BlockCount => 1;

        public VectorBlock GetBlock(int index) => new(count, _data, 0, default, _present);

        public ReadOnlySpan<byte> GetVectorData(long id) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(GetVector(id));

        public ReadOnlySpan<float> GetVector(long id) => default;
    }
}
