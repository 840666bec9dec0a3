namespace VecStore.Indexes;

/// <summary>A vector index a database keeps in step with a column: built once, then changed vector by vector, and saved to its own file.</summary>
/// <remarks>
/// The seam between Storage and the approximate indexes (HNSW now, IVF and IVFPQ next): Storage
/// builds, feeds, searches, saves and rebuilds through it without knowing the method. Contract of
/// every implementation: one writer at a time (Build, Add, Remove) beside any number of searches,
/// which never see a half-written entry; reported distances are exactly those of
/// <see cref="Distance.DistanceKernels"/>; ids are the source's vector ids (Storage: slots).
/// </remarks>
public interface IUpdatableVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>How the stored vectors are encoded.</summary>
    VectorElement ElementType { get; }

    /// <summary>Elements per vector.</summary>
    int Dimensions { get; }

    /// <summary>Vectors the index returns (removed ones excluded).</summary>
    long Count { get; }

    /// <summary>Removed entries still held, which a rebuild would drop.</summary>
    long DeletedCount { get; }

    /// <summary>Bytes the index holds in memory.</summary>
    long MemoryBytes { get; }

    /// <summary>Adds every present vector of <paramref name="source"/> (training first when the method needs it).</summary>
    void Build(IVectorSource source, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a vector in the element format, replacing the one stored under the same id.</summary>
    void Add(long id, ReadOnlySpan<byte> vector);

    /// <summary>Removes a vector; false when the id is absent.</summary>
    bool Remove(long id);

    /// <summary>True when a vector is stored under this id.</summary>
    bool Contains(long id);

    /// <summary>The stored bytes of a vector, or an empty span when absent.</summary>
    ReadOnlySpan<byte> GetVectorData(long id);

    /// <summary>The ids of every stored vector.</summary>
    long[] LiveIds();

    /// <summary>Searches with a method-specific breadth: ef_search for HNSW, nprobe for IVF.</summary>
    int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter;

    /// <summary>Writes the index to <paramref name="path"/> atomically, stamped with <paramref name="stamp"/>.</summary>
    void Save(string path, long stamp);

    /// <summary>An empty index of the same method, metric, shape and parameters: what a rebuild fills.</summary>
    IUpdatableVectorIndex CreateEmpty();
}
