namespace VecStore.Storage.Catalog;

/// <summary>Which WITH options each index method takes and their ranges: one table for the binder (errors with positions) and the session (the guard for every caller).</summary>
public static class IndexOptionRules
{
    /// <summary>Largest <c>m</c> an HNSW index accepts.</summary>
    public const int MaxHnswM = 100;

    /// <summary>Largest <c>ef_construction</c> and <c>ef_search</c>.</summary>
    public const int MaxHnswEf = 10_000;

    /// <summary>Largest number of IVF lists (and nprobe).</summary>
    public const int MaxIvfLists = 65_536;

    /// <summary>The accepted range of <paramref name="key"/> for <paramref name="method"/>, or null when the method has no such option.</summary>
    /// <remarks>HNSW needs two links a node at least; IVFPQ re-ranks at least k candidates exactly (refine ≥ 1: its reported distances are exact). IVFPQ's m must also divide the dimensions, which the session checks against the column.</remarks>
    public static (long Low, long High)? Range(IndexMethod method, string key) => (method, key) switch
    {
        (IndexMethod.Hnsw, "m") => (2, MaxHnswM),
        (IndexMethod.Hnsw, "ef_construction" or "ef_search") => (1, MaxHnswEf),
        (IndexMethod.Ivf or IndexMethod.IvfPq, "lists" or "nprobe") => (1, MaxIvfLists),
        (IndexMethod.IvfPq, "m") => (1, MaxIvfLists),
        (IndexMethod.IvfPq, "refine") => (1, 1000),
        _ => null,
    };

    /// <summary>The message for an option <paramref name="method"/> does not take.</summary>
    public static string Unknown(IndexMethod method, string key) => method switch
    {
        IndexMethod.Hnsw => $"unknown HNSW option '{key}'; the options are m, ef_construction and ef_search",
        IndexMethod.Ivf => $"unknown IVF option '{key}'; the options are lists and nprobe",
        IndexMethod.IvfPq => $"unknown IVFPQ option '{key}'; the options are lists, nprobe, m and refine",
        _ => "a scalar index takes no WITH options",
    };
}
