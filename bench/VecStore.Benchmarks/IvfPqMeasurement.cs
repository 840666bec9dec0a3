using System.Diagnostics;
using VecStore.Indexes;
using VecStore.Indexes.Ivf;

namespace VecStore.Benchmarks;

/// <summary>Train and add times, bytes per vector, file size and single-thread QPS / recall@10 per nprobe of an <see cref="IvfPqIndex"/> on a prepared dataset folder.</summary>
/// <remarks>
/// The index is made as Storage makes it: without the original vectors, each search re-ranking
/// from the dataset as its <see cref="IVectorSource"/>. Bytes per vector are given twice: all of
/// <see cref="IvfPqIndex.MemoryBytes"/> over the count, and without the centroids and codebooks,
/// which do not grow with the rows.
/// </remarks>
internal static class IvfPqMeasurement
{
    public static void Run(string folder, int lists, int m, int refine, int threads, int[] nprobes)
    {
        var set = Dataset.Read(folder);
        lists = set.ListsOr(lists);
        Console.WriteLine($"{set.Name}: {set.Count:N0} x {set.Dimensions} {set.Metric}, {set.QueryCount:N0} queries; {lists} lists, m {m}, refine {refine}, {threads} build threads");
        var source = ArrayVectorSource.CopyAligned(set.Vectors, set.Dimensions);

        // IVFPQ_FILE names a file to reuse the index from (or to keep it in), so that search changes can be measured without retraining.
        string? kept = Environment.GetEnvironmentVariable("IVFPQ_FILE");
        IvfPqIndex index;
        if (kept is not null && File.Exists(kept))
        {
            index = IvfPqIndex.Load(kept, out _);
            Console.WriteLine($"  loaded {kept}: {index.Options.Lists} lists, m {index.Options.M}, refine {index.Options.Refine}");
        }
        else
        {
            var clock = Stopwatch.StartNew();
            index = new IvfPqIndex(VectorElement.Float32, set.Dimensions, set.Metric, new IvfPqOptions { Lists = lists, M = m, Refine = refine, MaxThreads = threads }, storesVectors: false);
            index.Train(source);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            long fixedBytes = index.MemoryBytes;
            index.Build(source);
            double buildSeconds = clock.Elapsed.TotalSeconds;
            long bytes = index.MemoryBytes;
            Console.WriteLine($"  train {trainSeconds:F2} s, train+add {buildSeconds:F2} s, memory {bytes / 1048576.0:F1} MiB");
            Console.WriteLine($"  bytes per vector: {bytes / (double)index.Count:F1} in all, {(bytes - fixedBytes) / (double)index.Count:F1} without centroids and codebooks ({fixedBytes / 1048576.0:F1} MiB)");
            string path = kept ?? Path.Combine(Path.GetTempPath(), $"vecstore-{set.Name}.ivfpq");
            index.Save(path, 0);
            Console.WriteLine($"  file {new FileInfo(path).Length / 1048576.0:F1} MiB");
            if (kept is null)
            {
                File.Delete(path);
            }
        }
        Console.WriteLine("  nprobe QPS(1 thread)  recall@10  mean ms");
        foreach (int nprobe in nprobes)
        {
            var search = new IvfSearchOptions(nprobe);
            set.RecallRow(nprobe, (q, results) => index.Search(q, default(AcceptAll), results, search, source));
        }
    }
}
