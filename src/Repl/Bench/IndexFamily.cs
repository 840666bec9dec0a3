namespace VecStore.Repl.Bench;

/// <summary>Groups index names of different libraries into the families the comparison pairs: flat, ivf, ivfpq, hnsw.</summary>
/// <remarks>
/// FAISS's <c>IndexFlatL2</c>/<c>IndexFlatIP</c> and sqlite-vec's brute force are flat;
/// <c>IndexIVFFlat</c> is ivf; <c>IndexIVFPQ</c> with or without <c>IndexRefineFlat</c> is ivfpq;
/// <c>IndexHNSWFlat</c> and hnswlib's <c>HNSW(l2)</c> are hnsw. Other names are their own family.
/// </remarks>
internal static class IndexFamily
{
    /// <summary>The family of an index name.</summary>
    public static string Of(string index)
    {
        string name = index.ToLowerInvariant();
        if (name.Contains("hnsw", StringComparison.Ordinal))
            return "hnsw";
        if (name.Contains("ivfpq", StringComparison.Ordinal))
            return "ivfpq";
        if (name.Contains("ivf", StringComparison.Ordinal))
            return "ivf";
        if (name.Contains("flat", StringComparison.Ordinal) || name.Contains("brute", StringComparison.Ordinal))
            return "flat";
        return name;
    }
}
