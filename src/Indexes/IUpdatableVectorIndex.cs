namespace VecStore.Indexes;

/// <summary>A vector index a database keeps in step with a column: built once, then changed vector by vector, and saved to its own file.</summary>
/// <remarks>
/// The seam between Storage and the approximate indexes (HNSW now, IVF and IVFPQ next): Storage
/// builds, feeds, searches, saves and rebuilds through it without knowing the method. Contract of
/// every implementation: one writer at a time (Build, Add, Remove) beside any number of searches,
/// which never see a half-written entry; reported distances are exactly those of
/// <see cref="Distance.DistanceKernels"/>; ids are the source's vector ids (Storage: slots).
/// An index need not keep the vectors themselves (IVFPQ in a database keeps only codes): Storage
/// hands each search the column as this statement sees it, and compares entries with
/// <see cref="Holds"/> rather than by reading them back.
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
    /// <param name="source">The vectors to add.</param>
    /// <param name="progress">Receives the stage and how far it got, every few thousand vectors or once per k-means iteration, possibly from worker threads.</param>
    /// <param name="cancellationToken">Stops the build at its next report; the index must then be discarded.</param>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    void Build(IVectorSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a vector in the element format, replacing the one stored under the same id.</summary>
    void Add(long id, ReadOnlySpan<byte> vector);

    /// <summary>Removes a vector; false when the id is absent.</summary>
    bool Remove(long id);

    /// <summary>True when a vector is stored under this id.</summary>
    bool Contains(long id);

    /// <summary>The stored bytes of a vector, or an empty span when absent or when the index keeps no vectors.</summary>
    ReadOnlySpan<byte> GetVectorData(long id);

    /// <summary>True when the entry stored under <paramref name="id"/> is what <see cref="Add"/> would store for <paramref name="vector"/> now; false when the id is absent.</summary>
    /// <remarks>How a reopened index is checked against its table without reading vectors back. By default the stored bytes are compared (HNSW, IVF); IVFPQ compares the list and code the vector encodes to. Writer only.</remarks>
    bool Holds(long id, ReadOnlySpan<byte> vector)
    {
        ReadOnlySpan<byte> stored = GetVectorData(id);
        return !stored.IsEmpty && stored.SequenceEqual(vector);
    }

    /// <summary>The ids of every stored vector.</summary>
    long[] LiveIds();

    /// <summary>Searches with a method-specific breadth: ef_search for HNSW, nprobe for IVF.</summary>
    int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter;

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor}, int)"/>, re-ranking from <paramref name="vectors"/> when the index keeps no vectors of its own.</summary>
    /// <param name="query">The query, <see cref="Dimensions"/> floats.</param>
    /// <param name="filter">Which ids may be returned.</param>
    /// <param name="results">Receives the nearest first.</param>
    /// <param name="breadth">ef_search for HNSW, nprobe for IVF and IVFPQ.</param>
    /// <param name="vectors">
    /// The vectors by id as the caller sees them (Storage: the statement's snapshot of the column);
    /// an index without vectors computes its exact distances from these, and a candidate the source
    /// does not hold is left out. Indexes that store their vectors ignore it (the default).
    /// </param>
    int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth, IVectorSource? vectors)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, breadth);

    /// <summary>Writes the index to <paramref name="path"/> atomically, stamped with <paramref name="stamp"/>.</summary>
    void Save(string path, long stamp);

    /// <summary>An empty index of the same method, metric, shape and parameters: what a rebuild fills.</summary>
    IUpdatableVectorIndex CreateEmpty();

    /// <summary>A copy holding only the live entries, for when removed ones pile up; this index stays usable for searches meanwhile.</summary>
    /// <remarks>HNSW relinks a new graph from its own vectors; IVF and IVFPQ copy their lists without the tombstones, keeping centroids, codebooks and codes, so they need no vectors and answer as before.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; this index is unchanged.</exception>
    IUpdatableVectorIndex Compact(CancellationToken cancellationToken = default);
}
