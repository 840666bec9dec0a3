using VecStore.Indexes.Collections;
using System.Collections.Concurrent;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Approximate nearest-neighbour search over an inverted file: k-means centroids, and per centroid a list holding copies of the vectors nearest to it.</summary>
/// <remarks>
/// <para>
/// A search ranks the centroids, scans the lists of the <c>nprobe</c> nearest, and returns the
/// best vectors found there. Reported distances are bit for bit those of
/// <see cref="DistanceKernels.Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>,
/// ordered by distance then id. With <c>nprobe</c> equal to the number of lists the search is exact.
/// </para>
/// <para>
/// Float32 vectors only, metrics L2, cosine and inner product. For cosine and inner product the
/// centroids are trained by spherical k-means (unit centroids, points grouped by direction) and
/// a vector goes to the list whose centroid has the largest dot product with it; see
/// <see cref="KMeans"/>.
/// </para>
/// <para>
/// Threading: one writer at a time (<see cref="Add"/>, <see cref="Remove"/>, <see cref="Train"/> or
/// <see cref="Build"/>, which runs its own threads), with any number of concurrent searches and
/// reads. A search sees each entry either not at all or complete. Removal leaves a tombstone in
/// the list; rebuild when <see cref="DeletedCount"/> grows large.
/// </para>
/// </remarks>
public sealed partial class IvfIndex : IUpdatableVectorIndex
{
    /// <summary>Whether a search of <paramref name="nprobe"/> lists of an inverted file with <paramref name="lists"/> lists (IVF or IVFPQ) finds its probes through an HNSW graph over the centroids rather than by comparing the query with every centroid.</summary>
    public static bool FindsProbesByGraph(int lists, int nprobe) => CentroidSet.ProbesByGraph(lists, nprobe);

    // Only the list: the position is found by scanning that list's ids (an id's live entry is its
    // last), which keeps the map at four bytes an id where a dictionary of locations took about 48
    // and a million-entry load spent seconds allocating its nodes.
    private readonly IdMap _listOfId = new();
    private long _live;
    private readonly int _vectorBytes;
    private CentroidSet? _centroids;
    private InvertedList[] _lists = [];
    private long _deleted;
    private bool _disposed;

    /// <summary>Creates an empty, untrained index.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1, or an option is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="element"/> is not float32, or <paramref name="metric"/> is not L2, cosine or inner product.</exception>
    public IvfIndex(VectorElement element, int dimensions, Metric metric, IvfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IvfChecks.ElementAndMetric(element, metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options.Validate();
        ElementType = element;
        Dimensions = dimensions;
        Metric = metric;
        Options = options;
        _vectorBytes = VectorElements.BytesPerVector(element, dimensions);
    }

    /// <summary>The options the index was created with.</summary>
    public IvfOptions Options { get; }

    /// <summary>How the stored vectors are encoded (float32).</summary>
    public VectorElement ElementType { get; }

    /// <summary>Elements per vector; queries hold this many floats.</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public Metric Metric { get; }

    /// <inheritdoc />
    public string Kind => "ivf";

    /// <summary>Whether the centroids exist; vectors can be added only then.</summary>
    public bool IsTrained => Volatile.Read(ref _centroids) is not null;

    /// <summary>Number of live (not removed) vectors.</summary>
    public long Count => Volatile.Read(ref _live);

    /// <summary>Number of removed or replaced entries still in the lists as tombstones.</summary>
    public long DeletedCount => Volatile.Read(ref _deleted);

    /// <summary>Bytes held by the centroids, the lists and (estimated) the id map.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = (_centroids?.MemoryBytes ?? 0) + _listOfId.MemoryBytes;
            foreach (InvertedList list in Volatile.Read(ref _lists))
            {
                bytes += list.MemoryBytes;
            }

            return bytes;
        }
    }

    /// <summary>Adds <paramref name="vector"/> under <paramref name="id"/> to the list of its nearest centroid, replacing the vector the id had.</summary>
    /// <param name="id">Any id; an existing one is tombstoned and added anew.</param>
    /// <param name="vector">Raw float32 bytes, <see cref="VectorElements.BytesPerVector"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="vector"/> has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The index is not trained yet.</exception>
    public void Add(long id, ReadOnlySpan<byte> vector)
    {
        ThrowIfDisposed();
        if (vector.Length != _vectorBytes)
        {
            ThrowHelper.LengthMismatch(nameof(vector), _vectorBytes, vector.Length);
        }

        CentroidSet centroids = _centroids ?? throw IvfChecks.NotTrained();
        Append(id, vector, centroids.Nearest(IvfChecks.AsFloats(vector)));
    }

    /// <summary>Removes the vector with <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(long id)
    {
        ThrowIfDisposed();
        if (!_listOfId.TryGet(id, out int list))
        {
            return false;
        }

        _lists[list].MarkDeleted(_lists[list].LastPositionOf(id));
        _listOfId.Remove(id);
        Interlocked.Decrement(ref _live);
        Interlocked.Increment(ref _deleted);
        return true;
    }

    /// <summary>True when a live vector has this id.</summary>
    public bool Contains(long id) => _listOfId.TryGet(id, out _);

    /// <summary>The stored bytes of the vector with <paramref name="id"/>, or an empty span when there is none.</summary>
    public ReadOnlySpan<byte> GetVectorData(long id)
    {
        if (!_listOfId.TryGet(id, out int list))
        {
            return default;
        }

        InvertedList entries = _lists[list];
        int position = entries.Read().Ids.LastIndexOf(id);
        return position < 0 ? default : entries.Entry(position);
    }

    /// <summary>The ids of the live vectors, list by list.</summary>
    public long[] LiveIds() => IvfChecks.LiveIds(_lists, Count);

    /// <summary>An empty, untrained index with the same options: a rebuild trains it afresh.</summary>
    public IUpdatableVectorIndex CreateEmpty() => new IvfIndex(ElementType, Dimensions, Metric, Options);

    /// <summary>A copy without the tombstones: the same centroids, each list keeping its live vectors in order, so searches answer exactly as before.</summary>
    /// <remarks>
    /// Nothing is retrained: k-means over every vector would hold the writer for as long as a
    /// CREATE INDEX (seconds to minutes) to fix entries that only need dropping. A rebuild from the
    /// table (<see cref="CreateEmpty"/> and <see cref="Build"/>) retrains. Writer only; searches may
    /// run on this index meanwhile.
    /// </remarks>
    public IUpdatableVectorIndex Compact(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var compacted = new IvfIndex(ElementType, Dimensions, Metric, Options);
        CentroidSet? centroids = _centroids;
        if (centroids is null)
        {
            return compacted;
        }

        var lists = new InvertedList[_lists.Length];
        compacted._listOfId.ExpectAtLeast(Count);
        for (int l = 0; l < lists.Length; l++)
        {
            lists[l] = _lists[l].WithoutTombstones();
            compacted._deleted += IvfChecks.MapLoadedList(lists[l], l, compacted._listOfId, ref compacted._live, "the compacted index");
        }

        compacted._lists = lists;
        compacted._centroids = centroids;
        return compacted;
    }

    /// <summary>Releases the index; searches must not run during or after this call.</summary>
    public void Dispose()
    {
        _disposed = true;
    }

    /// <summary>Appends to list <paramref name="list"/>, tombstoning an older vector of the same id (writer only).</summary>
    private void Append(long id, ReadOnlySpan<byte> vector, int list)
    {
        Remove(id);
        _lists[list].Append(id, vector);
        _listOfId.Add(id, list);
        Interlocked.Increment(ref _live);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
