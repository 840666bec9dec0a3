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
