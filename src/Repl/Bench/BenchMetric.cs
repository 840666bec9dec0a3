namespace VecStore.Repl.Bench;

/// <summary>A distance a benchmark table declares with <c>METRIC</c>, spelled as in SQL.</summary>
/// <remarks>l1, hamming and jaccard are in the language but not yet executed by the engine; the bench asks for them anyway and reports the engine's refusal.</remarks>
internal enum BenchMetric
{
    /// <summary>Euclidean distance (<c>l2</c>).</summary>
    L2,

    /// <summary>One minus cosine similarity (<c>cosine</c>).</summary>
    Cosine,

    /// <summary>Negated inner product (<c>ip</c>).</summary>
    InnerProduct,

    /// <summary>Sum of absolute differences (<c>l1</c>).</summary>
    L1,

    /// <summary>Differing bits of bit vectors (<c>hamming</c>).</summary>
    Hamming,

    /// <summary>One minus intersection over union of bit vectors (<c>jaccard</c>).</summary>
    Jaccard,
}
