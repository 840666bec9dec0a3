using System.Diagnostics;
using VecStore.Indexes;
using VecStore.Indexes.Ivf;

namespace VecStore.Benchmarks;

/// <summary>Train+add time, memory, file size and single-thread QPS / recall@10 per nprobe of an <see cref="IvfIndex"/> on a prepared dataset folder.</summary>
internal static class IvfMeasurement
{
    /// <param name="graphMinLists">From how many lists the probes come from an HNSW graph over the centroids; 0 keeps the default.</param>
    public static void Run(string dataset, int lists, int threads, int[] nprobes, int graphMinLists = 0)
    {
        if (graphMinLists > 0)
        {
            CentroidSet.GraphMinLists = graphMinLists;
        }

        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dataset));
        var metric = HnswMeasurement.ReadMetric(Path.Combine(dataset, "meta.json"));
        float[] vectors = HnswMeasurement.ReadVecs<float>(Path.Combine(dataset, "base.fvecs"), out int dimensions, out int count);
        float[] queries = HnswMeasurement.ReadVecs<float>(Path.Combine(dataset, "query.fvecs"), out _, out int queryCount);
        int[] truth = HnswMeasurement.ReadVecs<int>(Path.Combine(dataset, "groundtruth.ivecs"), out int truthWidth, out _);

        // 0 lists: the reference protocol's round(4·√n).
        lists = lists > 0 ? lists : (int)Math.Round(4 * Math.Sqrt(count));
        Console.WriteLine($"{name}: {count:N0} x {dimensions} {metric}, {queryCount:N0} queries; {lists} lists, {threads} build threads, probes by {(lists >= CentroidSet.GraphMinLists ? "centroid graph" : "comparing every centroid")}");
        var source = ArrayVectorSource.CopyAligned(vectors, dimensions);
        var clock = Stopwatch.StartNew();
        var index = new IvfIndex(VectorElement.Float32, dimensions, metric, new IvfOptions { Lists = lists, MaxThreads = threads });
        index.Train(source);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        index.Build(source);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  train {trainSeconds:F2} s, train+add {buildSeconds:F2} s, memory {index.MemoryBytes / 1048576.0:F1} MiB");

        string path = Path.Combine(Path.GetTempPath(), $"vecstore-{name}.ivf");
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
            RecallTable.Row(nprobe, queries, dimensions, queryCount, truth, truthWidth, (q, results) => index.Search(q, default(AcceptAll), results, search));
        }
    }
}
