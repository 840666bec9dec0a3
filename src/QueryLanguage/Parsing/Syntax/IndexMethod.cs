namespace VecStore.QueryLanguage.Parsing.Syntax;

/// <summary>The ANN index methods of CREATE INDEX ... USING.</summary>
public enum IndexMethod
{
    /// <summary>FLAT: exact search.</summary>
    Flat,

    /// <summary>IVF: inverted lists over k-means cells.</summary>
    Ivf,

    /// <summary>IVFPQ: IVF with product-quantized vectors.</summary>
    IvfPq,

    /// <summary>HNSW: hierarchical navigable small-world graph.</summary>
    Hnsw,
}
