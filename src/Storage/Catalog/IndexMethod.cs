namespace VecStore.Storage.Catalog;

/// <summary>What kind of index an index is.</summary>
public enum IndexMethod
{
    /// <summary>A SQLite B-tree over scalar columns, used by filters and scalar ORDER BY.</summary>
    Scalar,

    /// <summary>A hierarchical navigable small-world graph over one vector column: approximate nearest neighbours.</summary>
    Hnsw,

    /// <summary>An inverted file over k-means lists: approximate nearest neighbours, cheap to build.</summary>
    Ivf,

    /// <summary>An inverted file of product-quantised codes, re-ranked exactly: the compact one.</summary>
    IvfPq,
}

/// <summary>What the index methods have in common.</summary>
public static class IndexMethods
{
    /// <summary>True for IVF and IVFPQ: searched by probing lists (<c>nprobe</c>), trained by k-means.</summary>
    public static bool IsInvertedFile(this IndexMethod method) => method is IndexMethod.Ivf or IndexMethod.IvfPq;
}
