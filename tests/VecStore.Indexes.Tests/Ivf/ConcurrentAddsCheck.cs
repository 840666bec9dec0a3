using VecStore.Indexes.Distance;
using VecStore.Indexes.Tests.Hnsw;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>Adds a copy of every vector while two threads search, collecting any result whose distance is not exact: a half-written entry would show as one.</summary>
internal static class ConcurrentAddsCheck
{
    /// <summary>Copies carry id 10,000 + original id; returns the failures found.</summary>
    public static async Task<string[]> Run(IUpdatableVectorIndex index, HnswTestSet set, int breadth)
    {
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void SearchLoop()
        {
            var results = new Neighbor[10];
            while (!stop.IsCancellationRequested)
            {
                foreach (float[] query in set.Queries)
                {
                    int written = index.Search(query, default(AcceptAll), results, breadth);
                    for (int i = 0; i < written; i++)
                    {
                        long original = results[i].Id >= 10_000 ? results[i].Id - 10_000 : results[i].Id;
                        double expected = DistanceKernels.Distance(set.Metric, query, set.Stored((int)original), VectorElement.Float32);
                        if (expected != results[i].Distance)
                        {
                            failures.Enqueue($"id {results[i].Id}: {results[i].Distance} != {expected}");
                        }
                    }
                }
            }
        }

        Task[] readers = [Task.Run(SearchLoop), Task.Run(SearchLoop)];
        for (int i = 0; i < set.Count; i++)
        {
            index.Add(10_000 + i, set.Stored(i));
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        return [.. failures];
    }
}
