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
}
