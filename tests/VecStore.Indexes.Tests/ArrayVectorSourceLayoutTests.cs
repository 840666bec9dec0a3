namespace VecStore.Indexes.Tests;

public sealed class ArrayVectorSourceLayoutTests
{
    // Ten 2-d vectors, vector i = (i, -i).
    private static readonly float[] Data = Enumerable.Range(0, 10).SelectMany(i => new[] { (float)i, -i }).ToArray();

    [Fact]
    public void GetBlock_cuts_vectors_into_blocks_with_a_short_last_block()
    {
        var source = new ArrayVectorSource(Data, dimensions: 2, blockSize: 4, firstId: 100);

        Assert.Equal(3, source.BlockCount);
        VectorBlock last = source.GetBlock(2);
        Assert.Equal(2, last.Count);
        Assert.Equal(108, last.FirstId);
        Assert.Equal([8f, -8f, 9f, -9f], last.Vectors.ToArray());
        Assert.True(last.Ids.IsEmpty);
        Assert.True(last.Present.IsEmpty);
    }

    [Fact]
    public void GetBlock_realigns_presence_bits_to_each_block()
    {
        // Positions 3, 4 and 9 present; blocks of 4 put them at offsets 3, 0 and 1.
        ulong[] present = [(1UL << 3) | (1UL << 4) | (1UL << 9)];
        var source = new ArrayVectorSource(Data, dimensions: 2, blockSize: 4, present: present);

        Assert.Equal([false, false, false, true], Enumerable.Range(0, 4).Select(i => source.GetBlock(0).IsPresent(i)));
        Assert.Equal([true, false, false, false], Enumerable.Range(0, 4).Select(i => source.GetBlock(1).IsPresent(i)));
        Assert.Equal([false, true], Enumerable.Range(0, 2).Select(i => source.GetBlock(2).IsPresent(i)));
    }

    [Fact]
    public void GetVector_finds_vectors_by_explicit_id()
    {
        long[] ids = [50, 40, 30, 20, 10, 0, -10, -20, -30, -40];
        var source = new ArrayVectorSource(Data, dimensions: 2, blockSize: 3, ids: ids);

        Assert.Equal([7f, -7f], source.GetVector(-20).ToArray());
        Assert.True(source.GetVector(7).IsEmpty);
        Assert.Equal(-20, source.GetBlock(2).IdAt(1));
    }

    [Fact]
    public void GetVector_is_empty_for_absent_or_unknown_ids()
    {
        ulong[] present = [~(1UL << 5)];
        var source = new ArrayVectorSource(Data, dimensions: 2, blockSize: 4, present: present, firstId: 1);

        Assert.True(source.GetVector(6).IsEmpty);
        Assert.True(source.GetVector(0).IsEmpty);
        Assert.True(source.GetVector(11).IsEmpty);
        Assert.Equal([9f, -9f], source.GetVector(10).ToArray());
    }

    [Fact]
    public unsafe void CopyAligned_starts_every_block_on_a_cache_line_when_dimensions_are_a_multiple_of_16()
    {
        float[] data = Enumerable.Range(0, 16 * 100).Select(i => (float)i).ToArray();
        var source = ArrayVectorSource.CopyAligned(data, dimensions: 16, blockSize: 7, firstId: 5);

        for (int b = 0; b < source.BlockCount; b++)
        {
            fixed (float* p = source.GetBlock(b).Vectors)
            {
                Assert.Equal(0, (long)p % 64);
            }
        }

        Assert.Equal(data.AsSpan(16 * 42, 16).ToArray(), source.GetVector(47).ToArray());
    }

    [Fact]
    public void Constructor_throws_when_an_id_repeats() =>
        Assert.Throws<ArgumentException>(() => new ArrayVectorSource([1f, 2f], dimensions: 1, ids: [3, 3]));

    [Fact]
    public void Constructor_throws_when_data_is_not_whole_vectors() =>
        Assert.Throws<ArgumentException>(() => new ArrayVectorSource([1f, 2f, 3f], dimensions: 2));
}
