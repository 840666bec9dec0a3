using System.Diagnostics;
using VecStore.Indexes;
using VecStore.Indexes.Ivf;

namespace VecStore.Benchmarks;

/// <summary>Train+add time, memory, file size and single-thread QPS / recall@10 per nprobe of an <see cref="IvfIndex"/> on a prepared dataset folder.</summary>
internal static class IvfMeasurement
{
    /// <param name="graphMinLists">From how many lists the probes come from an HNSW graph over the centroids; 0 keeps the default.</param>
    public static void Run(string folder, int lists, int threads, int[] nprobes, int graphMinLists = 0)
    {
        if (graphMinLists > 0)
        {
            CentroidSet.GraphMinLists = graphMinLists;
        }

        var set = Dataset.Read(folder);
        lists = set.ListsOr(lists);
        Console.WriteLine($"{set.Name}: {set.Count:N0} x {set.Dimensions} {set.Metric}, {set.QueryCount:N0} queries; {lists} lists, {threads} build threads, probes by {(lists >= CentroidSet.GraphMinLists ? "centroid graph" : "comparing every centroid")}");
        var source = ArrayVectorSource.CopyAligned(set.Vectors, set.Dimensions);
        var clock = Stopwatch.StartNew();
        var index = new IvfIndex(VectorElement.Float32, set.Dimensions, set.Metric, new IvfOptions { Lists = lists, MaxThreads = threads });
        index.Train(source);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        index.Build(source);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  train {trainSeconds:F2} s, train+add {buildSeconds:F2} s, memory {index.MemoryBytes / 1048576.0:F1} MiB");

        string path = Path.Combine(Path.GetTempPath(), $"vecstore-{set.Name}.ivf");
        index.Save(path, 0);
        clock.Restart();
        using (IvfIndex.Load(path, out _))
        {
            Console.WriteLine($"  file {new FileInfo(path).Length / 1048576.0:F1} MiB, load {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        File.Delete(path);
        Console.WriteLine("  nprobe QPS(1 thread)  recall@10  mean ms");
        foreach (int nprobe in nprobes)
        {
            // Single-query QPS: the search itself runs on one thread below the parallel-probe threshold.
            var search = new IvfSearchOptions(nprobe);
            set.RecallRow(nprobe, (q, results) => index.Search(q, default(AcceptAll), results, search));
        }
    }
}
