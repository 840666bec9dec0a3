using VecStore.Indexes.Distance;

namespace VecStore.Benchmarks;

/// <summary>A dataset folder written by ../shared/bench/prepare.py: base vectors, queries and their true neighbours.</summary>
internal sealed record Dataset(string Name, Metric Metric, float[] Vectors, int Dimensions, int Count, float[] Queries, int QueryCount, int[] Truth, int TruthWidth)
{
    /// <summary>Reads meta.json, base.fvecs, query.fvecs and groundtruth.ivecs from <paramref name="folder"/>.</summary>
    public static Dataset Read(string folder)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        Metric metric = HnswMeasurement.ReadMetric(Path.Combine(folder, "meta.json"));
        float[] vectors = HnswMeasurement.ReadVecs<float>(Path.Combine(folder, "base.fvecs"), out int dimensions, out int count);
        float[] queries = HnswMeasurement.ReadVecs<float>(Path.Combine(folder, "query.fvecs"), out _, out int queryCount);
        int[] truth = HnswMeasurement.ReadVecs<int>(Path.Combine(folder, "groundtruth.ivecs"), out int truthWidth, out _);
        return new Dataset(name, metric, vectors, dimensions, count, queries, queryCount, truth, truthWidth);
    }

    /// <summary>The reference protocol's list count, round(4·√n), when <paramref name="lists"/> is 0.</summary>
    public int ListsOr(int lists) => lists > 0 ? lists : (int)Math.Round(4 * Math.Sqrt(Count));

    /// <summary>One row of <see cref="RecallTable"/> for this dataset's queries.</summary>
    public void RecallRow(int setting, SearchOne search) => RecallTable.Row(setting, Queries, Dimensions, QueryCount, Truth, TruthWidth, search);
}
