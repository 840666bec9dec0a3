namespace VecStore.Repl.Bench;

/// <summary>The spellings of metrics and element types on the command line, in SQL and in the JSON results.</summary>
internal static class BenchNames
{
    /// <summary>The metric names <c>--metric</c> accepts.</summary>
    public static readonly string[] Metrics = ["l2", "cosine", "ip", "l1", "hamming", "jaccard"];

    /// <summary>The element names <c>--element</c> accepts.</summary>
    public static readonly string[] Elements = ["float32", "half", "bit"];

    /// <summary>The metric spelled <paramref name="name"/> (case-insensitive); null when there is none.</summary>
    public static BenchMetric? ParseMetric(string name) => name.ToLowerInvariant() switch
    {
        "l2" or "euclidean" => BenchMetric.L2,
        "cosine" => BenchMetric.Cosine,
        "ip" or "inner_product" or "dot" => BenchMetric.InnerProduct,
        "l1" or "manhattan" => BenchMetric.L1,
        "hamming" => BenchMetric.Hamming,
        "jaccard" => BenchMetric.Jaccard,
        _ => null,
    };

    /// <summary>The element type spelled <paramref name="name"/> (case-insensitive); null when there is none.</summary>
    public static BenchElement? ParseElement(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "float" => BenchElement.Float32,
        "half" or "float16" => BenchElement.Half,
        "bit" => BenchElement.Bit,
        _ => null,
    };

    /// <summary>The metric as SQL's <c>METRIC</c> clause and the JSON <c>metric</c> field spell it.</summary>
    public static string ToSql(BenchMetric metric) => metric switch
    {
        BenchMetric.L2 => "l2",
        BenchMetric.Cosine => "cosine",
        BenchMetric.InnerProduct => "ip",
        BenchMetric.L1 => "l1",
        BenchMetric.Hamming => "hamming",
        BenchMetric.Jaccard => "jaccard",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>The element type as <c>--element</c> and the JSON <c>element</c> field spell it.</summary>
    public static string ToName(BenchElement element) => element switch
    {
        BenchElement.Float32 => "float32",
        BenchElement.Half => "half",
        BenchElement.Bit => "bit",
        _ => throw new ArgumentOutOfRangeException(nameof(element)),
    };

    /// <summary>True for the metrics of bit vectors.</summary>
    public static bool IsBitMetric(BenchMetric metric) => metric is BenchMetric.Hamming or BenchMetric.Jaccard;

    /// <summary>The column type of the benchmark table: <c>VECTOR(784) METRIC l2</c>, <c>VECTOR(384) HALF METRIC cosine</c>, <c>BIT(256) METRIC hamming</c>.</summary>
    public static string ColumnType(BenchElement element, BenchMetric metric, int dimensions)
    {
        string type = element switch
        {
            BenchElement.Half => $"VECTOR({dimensions}) HALF",
            BenchElement.Bit => $"BIT({dimensions})",
            _ => $"VECTOR({dimensions})",
        };
        return $"{type} METRIC {ToSql(metric)}";
    }
}
