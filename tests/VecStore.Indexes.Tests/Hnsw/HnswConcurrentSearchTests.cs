using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;

namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>Searches running while one writer adds: every result is a fully inserted vector with its exact distance.</summary>
public sealed class HnswConcurrentSearchTests
{
    [Fact]
    public void Searches_during_adds_see_only_inserted_vectors()
    {
        HnswTestSet set = HnswTestSet.Create(800, VectorElement.Float32, Metric.L2, count: 5000, queries: 20);
        using var index = new HnswIndex(set.Element, set.Dimensions, set.Metric, new HnswOptions { EfConstruction = 64 });
        long inserted = -1;
        bool done = false;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        void SearchLoop(int seed)
        {
            try
            {
                var results = new Neighbor[10];
                for (int round = 0; !Volatile.Read(ref done) && round < 200_000; round++)
                {
                    float[] query = set.Queries[(round + seed) % set.Queries.Length];
                    int written = index.Search(query, default(AcceptAll), results);
                    long after = Volatile.Read(ref inserted);
                    // Add(after + 1) may be linking its node already; its record is complete by then.
                    Assert.True(written <= Math.Min(10, after + 2));
                    for (int i = 0; i < written; i++)
                    {
                        long id = results[i].Id;
                        Assert.InRange(id, 0, after + 1);
                        Assert.Equal(DistanceKernels.Distance(set.Metric, query, set.Stored((int)id), set.Element), results[i].Distance);
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        }

        var searchers = new[] { new Thread(() => SearchLoop(0)), new Thread(() => SearchLoop(7)) };
        foreach (Thread t in searchers)
        {
            t.Start();
        }

        for (int i = 0; i < set.Count; i++)
        {
            index.Add(i, set.Stored(i));
            Volatile.Write(ref inserted, i);
        }

        Volatile.Write(ref done, true);
        foreach (Thread t in searchers)
        {
            t.Join();
        }

        Assert.Empty(failures);
        Assert.True(set.Recall(index, 10, 100, default(AcceptAll)) >= 0.95);
    }
}
