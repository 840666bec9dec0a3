namespace VecStore.Indexes.Hnsw;

/// <summary>How an <see cref="HnswIndex"/> builds its graph and searches it by default.</summary>
/// <remarks>
/// Larger <see cref="M"/> and <see cref="EfConstruction"/> give a better graph (higher recall at
/// the same <see cref="EfSearch"/>) for a slower build and, for <see cref="M"/>, more memory:
/// each node keeps up to 2·M neighbours on level 0 and up to M on the levels above.
/// </remarks>
public sealed record HnswOptions
{
    /// <summary>Neighbours kept per node on the upper levels; level 0 keeps twice as many. 2 to 100.</summary>
    public int M { get; init; } = 16;

    /// <summary>Size of the candidate list while a node is inserted; at least 1.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Size of the candidate list of a search when none is given; at least 1, raised to k per search.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>Seed of the level draws, so that a build on one thread is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads <see cref="HnswIndex.Build"/> may use; at least 1.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Nodes the graph is known to stay under, 0 when unknown: chunks are then sized to it instead of 65,536 nodes.</summary>
    /// <remarks>For small fixed graphs such as the centroid graph of an IVF index, whose 65,536-node chunk would reserve hundreds of megabytes for a thousand nodes.</remarks>
    internal int ExpectedNodes { get; init; }
}
