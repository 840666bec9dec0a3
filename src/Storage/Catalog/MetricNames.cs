using VecStore.Indexes.Distance;

namespace VecStore.Storage.Catalog;

/// <summary>The SQL spelling of each metric (<c>l2</c>, <c>cosine</c>, <c>ip</c>).</summary>
public static class MetricNames
{
    /// <summary>The name used after <c>METRIC</c>.</summary>
    public static string ToSql(Metric metric) => metric switch
    {
        Metric.L2 => "l2",
        Metric.Cosine => "cosine",
        Metric.InnerProduct => "ip",
        Metric.L1 => "l1",
        Metric.Hamming => "hamming",
        Metric.Jaccard => "jaccard",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Parses a metric name, case-insensitively; false when it is not one VecStore executes.</summary>
    public static bool TryParse(string text, out Metric metric)
    {
        switch (text.ToLowerInvariant())
        {
            case "l2": case "euclidean": metric = Metric.L2; return true;
            case "cosine": metric = Metric.Cosine; return true;
            case "ip": case "inner_product": case "dot": metric = Metric.InnerProduct; return true;
            case "l1": case "manhattan": metric = Metric.L1; return true;
            case "hamming": metric = Metric.Hamming; return true;
            case "jaccard": metric = Metric.Jaccard; return true;
            default: metric = Metric.L2; return false;
        }
    }
}
