using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>IVF used the way Storage uses every vector index: through <see cref="IUpdatableVectorIndex"/> only.</summary>
public sealed class IvfThroughTheStorageSeamTests
{
    [Fact]
    public void An_empty_copy_trains_on_rebuild_and_the_breadth_is_nprobe()
    {
        HnswTestSet set = HnswTestSet.Create(31, VectorElement.Float32, Metric.L2, count: 1000);
        using IUpdatableVectorIndex built = IvfIndexTests.Build(set);
        IUpdatableVectorIndex fresh = built.CreateEmpty();
        Assert.Equal(0, fresh.Count);
        Assert.False(((IvfIndex)fresh).IsTrained);

        // What a rebuild does: the live vectors of the old index, by id.
        long[] ids = built.LiveIds();
        var data = new float[ids.Length * set.Dimensions];
        for (int i = 0; i < ids.Length; i++)
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(built.GetVectorData(ids[i])).CopyTo(data.AsSpan(i * set.Dimensions));
        fresh.Build(new ArrayVectorSource(data, set.Dimensions, ids: ids));

        Assert.Equal(built.Count, fresh.Count);
        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            // Every list probed: exactly brute force; one list: fewer or equal hits, never an error.
            int written = fresh.Search(query, default(AcceptAll), results, breadth: 32);
            Assert.Equal(set.Exact(query, 10), results.Take(written).Select(n => n.Id).ToArray());
            Assert.InRange(fresh.Search(query, default(AcceptAll), results, breadth: 1), 0, 10);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => fresh.Search(set.Queries[0], default(AcceptAll), results, breadth: 0));
        fresh.Dispose();
    }

    [Fact]
    public void Compact_drops_the_tombstones_without_retraining_and_answers_as_before()
    {
        HnswTestSet set = HnswTestSet.Create(32, VectorElement.Float32, Metric.L2, count: 1000);
        using IUpdatableVectorIndex index = IvfIndexTests.Build(set);
        for (int i = 0; i < set.Count; i += 2)
            index.Remove(i);

        using IUpdatableVectorIndex compacted = index.Compact();

        Assert.Equal(0, compacted.DeletedCount);
        Assert.Equal(index.Count, compacted.Count);
        Assert.True(compacted.Holds(1, set.Stored(1)));
        Assert.False(compacted.Holds(0, set.Stored(0)));
        SameAnswers.Check(index, compacted, set, 4, default(AcceptAll));
    }
}
