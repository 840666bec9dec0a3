using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>IVFPQ keeping only codes and ids, as a database's index does: the refine reads a source, memory stays near M + 8 bytes a vector, and Holds and Compact need no vectors.</summary>
public sealed class IvfPqWithoutStoredVectorsTests
{
    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.Cosine)]
    public void Refine_from_the_source_keeps_recall_at_10_at_least_09_and_answers_as_stored_vectors_do(Metric metric)
    {
        HnswTestSet set = HnswTestSet.Create(70, VectorElement.Float32, metric);
        using IvfPqIndex stored = IvfPqIndexTests.Build(set);
        using IvfPqIndex codesOnly = IvfPqIndexTests.Build(set, storesVectors: false);
        ArrayVectorSource source = set.Source();

        Assert.False(codesOnly.StoresVectors);
        double recall = IvfPqIndexTests.Recall(codesOnly, set, 10, 16, source);
        Assert.True(recall >= 0.9, $"recall@10 {recall}");

        // Same seed, same training, same codes: only where the refine reads the vectors differs.
        SameAnswers.Check(stored, codesOnly, set, 8, default(AcceptAll), source);
    }

    [Fact]
    public void A_candidate_the_source_does_not_hold_is_left_out()
    {
        HnswTestSet set = HnswTestSet.Create(71, VectorElement.Float32, Metric.L2);
        using IvfPqIndex index = IvfPqIndexTests.Build(set, storesVectors: false);

        // The source sees only even ids, as a snapshot taken before the odd ones were written would.
        var present = new ulong[(set.Count + 63) / 64];
        Array.Fill(present, 0x5555_5555_5555_5555UL);
        var evenOnly = new ArrayVectorSource(set.Data, VectorElement.Float32, set.Dimensions, present: present);
        var results = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            int written = index.Search(query, default(AcceptAll), results, 32, evenOnly);
            Assert.InRange(written, 1, 10);
            Assert.All(results[..written], n => Assert.Equal(0, n.Id & 1));
            Assert.All(results[..written], n => Assert.Equal(DistanceKernels.Distance(Metric.L2, query, set.Stored((int)n.Id), VectorElement.Float32), n.Distance));
        }
    }

    [Fact]
    public void Without_a_source_a_search_is_refused_and_no_vector_is_handed_out()
    {
        HnswTestSet set = HnswTestSet.Create(72, VectorElement.Float32, Metric.L2, count: 600);
        using IvfPqIndex index = IvfPqIndexTests.Build(set, storesVectors: false);

        Assert.Throws<InvalidOperationException>(() => index.Search(set.Queries[0], default(AcceptAll), new Neighbor[3]));
        Assert.Throws<InvalidOperationException>(() => index.Search(set.Queries[0], default(AcceptAll), new Neighbor[3], 4));
        Assert.Throws<ArgumentException>(() => index.Search(set.Queries[0], default(AcceptAll), new Neighbor[3], 4, new ArrayVectorSource(new float[16], 8)));
        Assert.True(index.Contains(5));
        Assert.True(index.GetVectorData(5).IsEmpty);
        Assert.False(((IvfPqIndex)index.CreateEmpty()).StoresVectors);
    }

    [Fact]
    public void Memory_per_vector_is_the_code_the_id_and_the_id_map()
    {
        const int M = 8;
        HnswTestSet set = HnswTestSet.Create(73, VectorElement.Float32, Metric.L2, count: 65_536, dimensions: 32, queries: 1);
        var options = new IvfPqOptions { Lists = 64, M = M, MaxThreads = 2, TrainingSamplePerList = 64 };
        using var codesOnly = new IvfPqIndex(VectorElement.Float32, set.Dimensions, Metric.L2, options, storesVectors: false);
        using var stored = new IvfPqIndex(VectorElement.Float32, set.Dimensions, Metric.L2, options);
        codesOnly.Train(set.Source());
        stored.Train(set.Source());
        long trained = codesOnly.MemoryBytes;

        codesOnly.Build(set.Source());
        stored.Build(set.Source());

        // M bytes of code, the 8-byte id, a tombstone bit, 4 bytes in the id map (one dense chunk here).
        double perVector = (codesOnly.MemoryBytes - trained) / (double)codesOnly.Count;
        Assert.InRange(perVector, M + 8, M + 8 + 4.2);
        Assert.True(stored.MemoryBytes - codesOnly.MemoryBytes >= set.VectorBytes * (long)set.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Holds_is_true_exactly_for_what_Add_would_store(bool storesVectors)
    {
        HnswTestSet set = HnswTestSet.Create(74, VectorElement.Float32, Metric.L2, count: 800);
        using IvfPqIndex index = IvfPqIndexTests.Build(set, storesVectors: storesVectors);

        for (int i = 0; i < set.Count; i++)
        {
            Assert.True(index.Holds(i, set.Stored(i)));
        }

        // Another cluster's vector codes differently; an absent id holds nothing.
        Assert.False(index.Holds(0, set.Encode(set.Queries[0])));
        Assert.False(index.Holds(set.Count, set.Stored(0)));
        index.Add(0, set.Encode(set.Queries[0]));
        Assert.True(index.Holds(0, set.Encode(set.Queries[0])));
        index.Remove(0);
        Assert.False(index.Holds(0, set.Encode(set.Queries[0])));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compact_drops_tombstones_keeps_the_answers_and_takes_adds(bool storesVectors)
    {
        HnswTestSet set = HnswTestSet.Create(75, VectorElement.Float32, Metric.Cosine, count: 1500);
        using IvfPqIndex index = IvfPqIndexTests.Build(set, storesVectors: storesVectors);
        for (int i = 0; i < set.Count; i += 3)
        {
            index.Remove(i);
        }

        index.Add(1, set.Encode(set.Queries[1]));
        using var compacted = (IvfPqIndex)index.Compact();

        Assert.Equal(0, compacted.DeletedCount);
        Assert.Equal(index.Count, compacted.Count);
        Assert.Equal(storesVectors, compacted.StoresVectors);
        Assert.True(compacted.MemoryBytes < index.MemoryBytes);
        Assert.Equal(index.LiveIds().Order(), compacted.LiveIds().Order());
        SameAnswers.Check(index, compacted, set, 8, default(AcceptAll), set.Source());

        // Adds after compaction are coded as before; without stored vectors, a source holding only the new vector yields only it.
        compacted.Add(0, set.Encode(set.Queries[0]));
        compacted.Remove(1);
        var after = new Neighbor[10];
        int written = compacted.Search(set.Queries[0], default(AcceptAll), after, 1, new ArrayVectorSource(set.Encode(set.Queries[0]), VectorElement.Float32, set.Dimensions));
        Assert.Equal(storesVectors ? 10 : 1, written);
        Assert.Equal(0, after[0].Id);
        Assert.False(compacted.Contains(1));
    }
}
