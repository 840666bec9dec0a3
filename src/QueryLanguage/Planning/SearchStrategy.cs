namespace VecStore.QueryLanguage.Planning;

/// <summary>How a nearest-neighbour SELECT ranks its vectors, chosen by the planner or forced with <c>WITH (strategy = '...')</c>.</summary>
/// <remarks>Forcing one lets a user (and the benchmarks) compare the planner's choice with each fixed strategy.</remarks>
internal enum SearchStrategy
{
    /// <summary>The planner and executor choose (the default).</summary>
    Auto,

    /// <summary>SQLite yields the rows that pass the filter; each is ranked exactly, one by one.</summary>
    Prefilter,

    /// <summary>An exact scan of every vector, skipping those whose rows fail the filter.</summary>
    Flat,

    /// <summary>The vector index walks or probes, admitting only rows that pass the filter (filter-aware ANN).</summary>
    Index,

    /// <summary>The vector index searches unfiltered for more than k rows, then drops those that fail the filter, asking for more until k pass.</summary>
    Postfilter,
}
