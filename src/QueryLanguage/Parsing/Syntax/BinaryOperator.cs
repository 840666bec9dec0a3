namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The binary operators, loosest binding first.</summary>
public enum BinaryOperator
{
    /// <summary>OR.</summary>
    Or,

    /// <summary>AND.</summary>
    And,

    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,

    /// <summary><c>&lt;&gt;</c> or <c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>&lt;-&gt;</c>: L2 distance, as in pgvector.</summary>
    L2Distance,

    /// <summary><c>&lt;=&gt;</c>: cosine distance, as in pgvector.</summary>
    CosineDistance,

    /// <summary><c>&lt;#&gt;</c>: the negated inner product, as in pgvector.</summary>
    NegativeInnerProduct,

    /// <summary><c>&lt;+&gt;</c>: L1 distance, as in pgvector.</summary>
    L1Distance,

    /// <summary><c>&lt;~&gt;</c>: Hamming distance of bit vectors, as in pgvector.</summary>
    HammingDistance,

    /// <summary><c>&lt;%&gt;</c>: Jaccard distance of bit vectors, as in pgvector.</summary>
    JaccardDistance,

    /// <summary><c>+</c>.</summary>
    Add,

    /// <summary><c>-</c>.</summary>
    Subtract,

    /// <summary><c>||</c>: text concatenation.</summary>
    Concat,

    /// <summary><c>*</c>.</summary>
    Multiply,

    /// <summary><c>/</c>.</summary>
    Divide,

    /// <summary><c>%</c>.</summary>
    Modulo,
}
