using VecStore.Indexes.Collections;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Collections;

public sealed class TopKAgainstFullSortTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CopySortedTo_returns_first_k_of_full_sort_for_random_candidates(int seed)
    {
        Random random = RandomVectors.Create(seed);
        int n = random.Next(0, 500);

        // Distances from a small set of values force many ties; ids are distinct and shuffled.
        int distinctDistances = random.Next(1, 40);
        long[] ids = RandomVectors.DistinctIds(random, n);
        var candidates = new Neighbor[n];
        for (int i = 0; i < n; i++)
        {
            candidates[i] = new Neighbor(ids[i], random.Next(distinctDistances) * 0.25f - 3f);
        }

        foreach (int k in new[] { 0, 1, 2, random.Next(0, n + 1), n, n + 7 })
        {
            AssertMatchesFullSort(candidates, k);
        }
    }

    [Fact]
    public void CopySortedTo_puts_NaN_distances_last()
    {
        Neighbor[] candidates =
        [
            new(5, float.NaN), new(1, 2f), new(3, float.NaN), new(2, float.PositiveInfinity),
            new(4, -1f), new(0, float.NaN), new(6, 2f),
        ];
        foreach (int k in new[] { 1, 3, 5, 6, 7, 9 })
        {
            AssertMatchesFullSort(candidates, k);
        }
    }

    [Fact]
    public void TryAdd_rejects_a_worse_candidate_once_full()
    {
        Span<Neighbor> storage = stackalloc Neighbor[2];
        var top = new TopK(storage);
        Assert.True(top.TryAdd(10, 1f));
        Assert.True(top.TryAdd(11, 3f));
        Assert.Equal(3f, top.Threshold);
        Assert.False(top.TryAdd(12, 4f));
        Assert.False(top.TryAdd(12, 3f));
        Assert.True(top.TryAdd(9, 3f));
        Assert.Equal(2, top.Count);
    }

    [Fact]
    public void TryAdd_keeps_nothing_when_capacity_is_zero()
    {
        var top = new TopK(Span<Neighbor>.Empty);
        Assert.False(top.TryAdd(1, float.NegativeInfinity));
        Assert.False(top.TryAdd(2, float.NaN));
        Assert.Equal(0, top.Count);
    }

    [Fact]
    public void CopySortedTo_may_target_its_own_storage()
    {
        var storage = new Neighbor[3];
        var top = new TopK(storage);
        top.TryAdd(1, 5f);
        top.TryAdd(2, 1f);
        top.TryAdd(3, 3f);
        top.TryAdd(4, 2f);
        Assert.Equal(3, top.CopySortedTo(storage));
        Assert.Equal([new Neighbor(2, 1f), new Neighbor(4, 2f), new Neighbor(3, 3f)], storage);
    }

    private static void AssertMatchesFullSort(Neighbor[] candidates, int k)
    {
        Neighbor[] expected = candidates.OrderBy(c => double.IsNaN(c.Distance)).ThenBy(c => c.Distance).ThenBy(c => c.Id).Take(k).ToArray();

        var storage = new Neighbor[k];
        var top = new TopK(storage);
        foreach (Neighbor c in candidates)
        {
            top.TryAdd(c.Id, c.Distance);
        }

        var actual = new Neighbor[top.Count];
        top.CopySortedTo(actual);
        Assert.Equal(expected, actual);
    }
}
