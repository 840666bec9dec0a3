using VecStore.Indexes.Distance;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>What a table holds, kept beside the database by a test, with the exact answer to any nearest-neighbour query.</summary>
internal sealed class HnswModel(Metric metric)
{
    public Dictionary<long, (long Category, float[] Vector)> Rows { get; } = [];

    public double Distance(float[] a, float[] b) => DistanceKernels.Distance(metric, a, b);

    /// <summary>The ids of the k nearest rows (in the given category when set), nearest first, ties by id.</summary>
    public List<long> Nearest(float[] query, int k, long? category = null)
    {
        var all = new List<(double Distance, long Id)>();
        foreach (var (id, row) in Rows)
            if (category is null || row.Category == category)
                all.Add((Distance(query, row.Vector), id));
        all.Sort();
        var ids = new List<long>(k);
        for (int i = 0; i < Math.Min(k, all.Count); i++)
            ids.Add(all[i].Id);
        return ids;
    }
}
