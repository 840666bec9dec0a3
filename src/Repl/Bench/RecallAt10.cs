namespace VecStore.Repl.Bench;

/// <summary>recall@10 as reference.py computes it: |returned top 10 ∩ true top 10| / 10, averaged over the queries run.</summary>
/// <remarks>Sets of ids, so order within the top 10 does not matter; a search that returns fewer than 10 rows simply finds fewer.</remarks>
internal static class RecallAt10
{
    /// <summary>How many of the first 10 ids compared.</summary>
    public const int K = 10;

    /// <summary>The mean recall of <paramref name="found"/>[i] against the truth of query i.</summary>
    public static double Compute(IReadOnlyList<long[]> found, NeighborLists truth)
    {
        if (found.Count == 0)
            return 0;
        long hits = 0;
        var expected = new HashSet<long>();
        var returned = new HashSet<long>();
        for (int q = 0; q < found.Count; q++)
        {
            expected.Clear();
            returned.Clear();
            var top = truth.Of(q);
            for (int i = 0; i < Math.Min(K, top.Length); i++)
                expected.Add(top[i]);
            for (int i = 0; i < Math.Min(K, found[q].Length); i++)
                returned.Add(found[q][i]);
            returned.IntersectWith(expected);
            hits += returned.Count;
        }
        return (double)hits / (K * found.Count);
    }
}
