namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>What a distance call computes, after <c>distance(...)</c> has been resolved to its column's metric.</summary>
internal enum DistanceFunction
{
    /// <summary><c>l2_distance</c>, <c>&lt;-&gt;</c>: Euclidean distance.</summary>
    L2,

    /// <summary><c>cosine_distance</c>, <c>&lt;=&gt;</c>: 1 - cosine similarity.</summary>
    Cosine,

    /// <summary><c>inner_product</c>: the dot product (larger is nearer).</summary>
    InnerProduct,

    /// <summary><c>&lt;#&gt;</c> and <c>distance</c> on an <c>ip</c> column: the negated dot product.</summary>
    NegativeInnerProduct,

    /// <summary><c>l1_distance</c>, <c>&lt;+&gt;</c>: the sum of absolute differences.</summary>
    L1,

    /// <summary><c>hamming_distance</c>, <c>&lt;~&gt;</c>: differing bits (BIT columns).</summary>
    Hamming,

    /// <summary><c>jaccard_distance</c>, <c>&lt;%&gt;</c>: 1 - shared set bits / all set bits (BIT columns).</summary>
    Jaccard,
}

/// <summary>What each <see cref="DistanceFunction"/> orders by and how SQL computes it.</summary>
internal static class DistanceFunctions
{
    /// <summary>The metric an index orders by to produce the function's order.</summary>
    public static Indexes.Distance.Metric MetricOf(DistanceFunction function) => function switch
    {
        DistanceFunction.L2 => Indexes.Distance.Metric.L2,
        DistanceFunction.Cosine => Indexes.Distance.Metric.Cosine,
        DistanceFunction.L1 => Indexes.Distance.Metric.L1,
        DistanceFunction.Hamming => Indexes.Distance.Metric.Hamming,
        DistanceFunction.Jaccard => Indexes.Distance.Metric.Jaccard,
        _ => Indexes.Distance.Metric.InnerProduct,
    };

    /// <summary>The VecStore SQL function that computes it inside a SQLite statement.</summary>
    public static Storage.Functions.VectorFunction SqlFunctionOf(DistanceFunction function) => function switch
    {
        DistanceFunction.L2 => Storage.Functions.VectorFunction.L2Distance,
        DistanceFunction.Cosine => Storage.Functions.VectorFunction.CosineDistance,
        DistanceFunction.InnerProduct => Storage.Functions.VectorFunction.InnerProduct,
        DistanceFunction.NegativeInnerProduct => Storage.Functions.VectorFunction.NegativeInnerProduct,
        DistanceFunction.L1 => Storage.Functions.VectorFunction.L1Distance,
        DistanceFunction.Hamming => Storage.Functions.VectorFunction.HammingDistance,
        _ => Storage.Functions.VectorFunction.JaccardDistance,
    };

    /// <summary>The distance a VecStore SQL function computes, or null when the function is no distance.</summary>
    public static DistanceFunction? FromSqlFunction(Storage.Functions.VectorFunction function) => function switch
    {
        Storage.Functions.VectorFunction.L2Distance => DistanceFunction.L2,
        Storage.Functions.VectorFunction.CosineDistance => DistanceFunction.Cosine,
        Storage.Functions.VectorFunction.InnerProduct => DistanceFunction.InnerProduct,
        Storage.Functions.VectorFunction.NegativeInnerProduct => DistanceFunction.NegativeInnerProduct,
        Storage.Functions.VectorFunction.L1Distance => DistanceFunction.L1,
        Storage.Functions.VectorFunction.HammingDistance => DistanceFunction.Hamming,
        Storage.Functions.VectorFunction.JaccardDistance => DistanceFunction.Jaccard,
        _ => null,
    };
}
