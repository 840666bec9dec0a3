using VecStore.Indexes.Flat;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Flat;

/// <summary>PresentRuns yields every present position of a block once, in order, as maximal runs within each word of the bitmap.</summary>
public sealed class PresentRunsTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(63, 0.9)]
    [InlineData(64, 1.0)]
    [InlineData(65, 0.99)]
    [InlineData(200, 0.0)]
    [InlineData(500, 0.5)]
    [InlineData(777, 0.95)]
    public void Runs_cover_exactly_the_present_positions(int count, double density)
    {
        ulong[] present = RandomVectors.Presence(RandomVectors.Create(count), count, density);
        var block = new VectorBlock(count, ReadOnlySpan<byte>.Empty, 0, ReadOnlySpan<long>.Empty, present);

        var runs = new List<(int Start, int End)>();
        foreach (var run in new PresentRuns(block))
            runs.Add(run);

        var positions = runs.SelectMany(r => Enumerable.Range(r.Start, r.End - r.Start)).ToList();
        Assert.Equal(Enumerable.Range(0, count).Where(i => (present[i / 64] & (1UL << (i % 64))) != 0), positions);
        foreach (var (start, end) in runs)
        {
            Assert.True(end > start && end - 1 >> 6 == start >> 6, $"run [{start}, {end}) is empty or crosses a word");
            Assert.True(end % 64 == 0 || end == count || (present[end / 64] & (1UL << (end % 64))) == 0, $"run [{start}, {end}) stops before a present position");
        }
    }

    [Fact]
    public void A_block_without_a_bitmap_is_one_run_a_word()
    {
        var block = new VectorBlock(130, ReadOnlySpan<byte>.Empty, 0, ReadOnlySpan<long>.Empty, ReadOnlySpan<ulong>.Empty);
        var runs = new List<(int, int)>();
        foreach (var run in new PresentRuns(block))
            runs.Add(run);

        Assert.Equal([(0, 64), (64, 128), (128, 130)], runs);
    }
}
