namespace VecStore.Storage.Functions;

/// <summary>VecStore's SQL functions, which SQLite calls while it runs a statement: vector operators, conversions and aggregates.</summary>
/// <remarks>The SQL name of each is <see cref="VectorFunctions.SqlName"/>: VecStore's constant, never user text.</remarks>
public enum VectorFunction
{
    /// <summary>A stored vector as a vector value.</summary>
    Vector,

    /// <summary><c>l2_distance</c>, <c>&lt;-&gt;</c>.</summary>
    L2Distance,

    /// <summary><c>cosine_distance</c>, <c>&lt;=&gt;</c>.</summary>
    CosineDistance,

    /// <summary><c>inner_product</c>: the dot product.</summary>
    InnerProduct,

    /// <summary><c>&lt;#&gt;</c>: the negated dot product.</summary>
    NegativeInnerProduct,

    /// <summary><c>l1_distance</c>, <c>&lt;+&gt;</c>.</summary>
    L1Distance,

    /// <summary><c>hamming_distance</c>, <c>&lt;~&gt;</c>.</summary>
    HammingDistance,

    /// <summary><c>jaccard_distance</c>, <c>&lt;%&gt;</c>.</summary>
    JaccardDistance,

    /// <summary><c>vector_dims</c>.</summary>
    Dimensions,

    /// <summary><c>vector_norm</c>, <c>l2_norm</c>.</summary>
    Norm,

    /// <summary><c>l2_normalize</c>.</summary>
    Normalize,

    /// <summary><c>subvector(v, start, count)</c>, 1-based.</summary>
    Subvector,

    /// <summary><c>binary_quantize</c>: a BIT vector of the elements above zero.</summary>
    BinaryQuantize,

    /// <summary>Elementwise <c>+</c>.</summary>
    Add,

    /// <summary>Elementwise <c>-</c>.</summary>
    Subtract,

    /// <summary>Elementwise <c>*</c>.</summary>
    Multiply,

    /// <summary><c>||</c>: concatenation.</summary>
    Concat,

    /// <summary>-1, 0 or 1: element values first, then dimensions (pgvector's order); for = and &lt;&gt;.</summary>
    Compare,

    /// <summary>A vector as text: <c>[1,2,3]</c>, or the bits of a BIT vector: <c>101</c>.</summary>
    ToText,

    /// <summary>Text in vector syntax as a vector value of a given element type and dimensions (0: any).</summary>
    FromText,

    /// <summary>A vector value as another element type (FLOAT32 or HALF) with given dimensions (0: any).</summary>
    Cast,

    /// <summary>The aggregate <c>avg(vector)</c>: accumulated in double, NULL for no rows.</summary>
    Average,

    /// <summary>The aggregate <c>sum(vector)</c>: elementwise addition row by row, NULL for no rows.</summary>
    Sum,
}
