using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>Asserts that two indexes answer every query of a test set identically: the same neighbours, distances and order.</summary>
internal static class SameAnswers
{
    /// <summary>Searches both through the storage seam with <paramref name="breadth"/> and, for indexes without vectors, <paramref name="vectors"/>.</summary>
    public static void Check<TFilter>(IUpdatableVectorIndex expected, IUpdatableVectorIndex actual, HnswTestSet set, int breadth, TFilter filter, IVectorSource? vectors = null)
        where TFilter : struct, IRowFilter
    {
        var a = new Neighbor[10];
        var b = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            Assert.Equal(expected.Search(query, filter, a, breadth, vectors), actual.Search(query, filter, b, breadth, vectors));
            Assert.Equal(a, b);
        }
    }
}
