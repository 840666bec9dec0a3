using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;

namespace VecStore.Benchmarks;

/// <summary>Build time, file size, load time, and single-thread QPS with recall@10 per ef, of an HNSW index over a dataset written by ../shared/bench/prepare.py.</summary>
/// <remarks>The same protocol as reference.py's hnswlib runs, so the numbers compare line by line.</remarks>
internal static class HnswMeasurement
{
    public static void Run(string dataset, int m, int efConstruction, int threads, int[] efs)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dataset));
        Metric metric = ReadMetric(Path.Combine(dataset, "meta.json"));
        float[] vectors = ReadVecs<float>(Path.Combine(dataset, "base.fvecs"), out int dimensions, out int count);
        float[] queries = ReadVecs<float>(Path.Combine(dataset, "query.fvecs"), out _, out int queryCount);
        int[] truth = ReadVecs<int>(Path.Combine(dataset, "groundtruth.ivecs"), out int truthWidth, out _);
        Console.WriteLine($"{name}: {count:N0} x {dimensions} {metric}, {queryCount:N0} queries; M {m}, efConstruction {efConstruction}, {threads} build threads");

        var source = ArrayVectorSource.CopyAligned(vectors, dimensions);
        var options = new HnswOptions { M = m, EfConstruction = efConstruction, MaxThreads = threads };
        var clock = Stopwatch.StartNew();
        var index = new HnswIndex(VectorElement.Float32, dimensions, metric, options);
        index.Build(source);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  build {buildSeconds:F2} s, memory {index.MemoryBytes / 1048576.0:F1} MiB");

        string path = Path.Combine(Path.GetTempPath(), $"vecstore-{name}.hnsw");
        clock.Restart();
        index.Save(path, 0);
        double saveSeconds = clock.Elapsed.TotalSeconds;
        long fileBytes = new FileInfo(path).Length;
        double loadSeconds = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            clock.Restart();
            using HnswIndex loaded = HnswIndex.Load(path, out _);
            loadSeconds = Math.Min(loadSeconds, clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"  file {fileBytes / 1048576.0:F1} MiB, save {saveSeconds:F2} s, load {loadSeconds * 1000:F0} ms (best of 3)");
        Console.WriteLine("  ef     QPS(1 thread)  recall@10  mean ms");
        foreach (int ef in efs)
        {
            var search = new HnswSearchOptions(ef);
            RecallTable.Row(ef, queries, dimensions, queryCount, truth, truthWidth, (q, results) => index.Search(q, default(AcceptAll), results, search));
        }

        if (Environment.GetEnvironmentVariable("HNSW_KEEP") is null) File.Delete(path);
    }

    internal static Metric ReadMetric(string metaPath)
    {
        using JsonDocument meta = JsonDocument.Parse(File.ReadAllText(metaPath));
        return meta.RootElement.GetProperty("metric").GetString() switch
        {
            "l2" => Metric.L2,
            "cosine" => Metric.Cosine,
            "ip" => Metric.InnerProduct,
            string other => throw new InvalidDataException($"'{metaPath}' names the unknown metric '{other}'."),
            null => throw new InvalidDataException($"'{metaPath}' has no metric."),
        };
    }

    /// <summary>Reads an fvecs or ivecs file: per row an int32 width then that many 4-byte values.</summary>
    internal static T[] ReadVecs<T>(string path, out int width, out int rows)
        where T : unmanaged
    {
        byte[] bytes = File.ReadAllBytes(path);
        width = BitConverter.ToInt32(bytes, 0);
        int rowBytes = 4 + (width * 4);
        rows = bytes.Length / rowBytes;
        var values = new T[(long)rows * width];
        Span<byte> target = MemoryMarshal.AsBytes(values.AsSpan());
        for (int r = 0; r < rows; r++)
        {
            bytes.AsSpan((r * (long)rowBytes) + 4 < int.MaxValue ? (int)((r * (long)rowBytes) + 4) : throw new InvalidDataException(path), width * 4)
                .CopyTo(target.Slice(r * width * 4, width * 4));
        }

        return values;
    }

    public static int[] ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
