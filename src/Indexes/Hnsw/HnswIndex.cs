using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

/// <summary>Approximate nearest-neighbour search over a Hierarchical Navigable Small World graph that owns copies of its vectors.</summary>
/// <remarks>
/// <para>
/// Queries are float32 with one element per dimension (one 0-or-1 float per bit for
/// <see cref="VectorElement.Bit"/>). Reported distances are bit for bit those of
/// <see cref="DistanceKernels.Distance(Metric, ReadOnlySpan{float}, ReadOnlySpan{byte}, VectorElement)"/>,
/// ordered by distance then id, as <see cref="Flat.FlatIndex"/> orders them.
/// </para>
/// <para>
/// Threading: one writer at a time (<see cref="Add"/>, <see cref="Remove"/> or <see cref="Build"/>,
/// which runs its own threads), with any number of concurrent searches and reads on other
/// threads. A search sees each node either not at all or fully linked.
/// </para>
/// <para>
/// Removal leaves a tombstone: the node stays in the graph as a stepping stone but is never
/// returned. When <see cref="DeletedCount"/> grows large relative to <see cref="Count"/> the
/// caller should rebuild (<see cref="Compact"/>).
/// </para>
/// </remarks>
public sealed partial class HnswIndex : IUpdatableVectorIndex
{
    // Level draws are capped so that a level fits the per-node byte.
    private const int MaxLevelCap = 31;

    private readonly NodeStore _store;
    private readonly HnswGraph _graph;
    private readonly IdMap _ids = new();
    private readonly double _levelScale;
    private Random _levels;
    private long _live;
    private long _deleted;
    private bool _disposed;

    /// <summary>Creates an empty index.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1, or an option is out of range (M 2..100, EfConstruction, EfSearch and MaxThreads at least 1).</exception>
    /// <exception cref="ArgumentException"><paramref name="metric"/> cannot compare <paramref name="element"/> vectors.</exception>
    public HnswIndex(VectorElement element, int dimensions, Metric metric, HnswOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(metric))
        {
            ThrowHelper.UnknownMetric(metric);
        }

        if (!Enum.IsDefined(element) || !VectorElements.Supports(element, metric))
        {
            ThrowHelper.UnsupportedMetric(element, metric);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ValidateOptions(options);
        ElementType = element;
        Dimensions = dimensions;
        Metric = metric;
        Options = options;
        _store = new NodeStore(VectorElements.BytesPerVector(element, dimensions), options.M, HnswGraph.StoresInverseNorm(element, metric), options.ExpectedNodes);
        _graph = HnswGraph.Create(element, metric, _store, dimensions, options.EfConstruction);
        _levelScale = 1.0 / Math.Log(options.M);
        _levels = new Random(options.Seed);
    }

    /// <summary>The options the index was created with.</summary>
    public HnswOptions Options { get; }

    /// <summary>How the stored vectors are encoded.</summary>
    public VectorElement ElementType { get; }

    /// <summary>Elements per vector; queries hold this many floats.</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public Metric Metric { get; }

    /// <inheritdoc />
    public string Kind => "hnsw";

    /// <summary>Number of live (not removed) vectors.</summary>
    public long Count => Volatile.Read(ref _live);

    /// <summary>Number of removed or replaced nodes still in the graph as tombstones.</summary>
    public long DeletedCount => Volatile.Read(ref _deleted);

    /// <summary>Bytes held by the graph, the vectors, the id maps and pooled search state.</summary>
    public long MemoryBytes => _store.MemoryBytes + _ids.MemoryBytes + _graph.Pool.MemoryBytes;

    /// <summary>Adds the vector <paramref name="vector"/> under <paramref name="id"/>, replacing the vector the id had.</summary>
    /// <param name="id">Any id; an existing one is tombstoned and inserted anew.</param>
    /// <param name="vector">Raw bytes in the element format, <see cref="VectorElements.BytesPerVector"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="vector"/> has the wrong length.</exception>
    public void Add(long id, ReadOnlySpan<byte> vector)
    {
        ThrowIfDisposed();
        if (vector.Length != _store.VectorBytes)
        {
            ThrowHelper.LengthMismatch(nameof(vector), _store.VectorBytes, vector.Length);
        }

        Remove(id);
        int node = Allocate(id, vector);
        SearchContext context = _graph.Pool.Rent(_store.Capacity);
        try
        {
            _graph.Insert(node, context);
        }
        finally
        {
            _graph.Pool.Return(context);
        }

        Interlocked.Increment(ref _live);
    }

    /// <summary>Removes the vector with <paramref name="id"/>; false when there is none.</summary>
    /// <remarks>The node stays in the graph for navigation but is never returned again.</remarks>
    public bool Remove(long id)
    {
        ThrowIfDisposed();
        if (!_ids.TryGet(id, out int node))
        {
            return false;
        }

        _store.MarkDeleted(node);
        _ids.Remove(id);
        Interlocked.Decrement(ref _live);
        Interlocked.Increment(ref _deleted);
        return true;
    }

    /// <summary>True when a live vector has this id.</summary>
    public bool Contains(long id) => _ids.TryGet(id, out _);

    /// <summary>The stored bytes of the vector with <paramref name="id"/>, or an empty span when there is none.</summary>
    /// <remarks>The span points into the index's memory and stays valid while the index is alive.</remarks>
    public unsafe ReadOnlySpan<byte> GetVectorData(long id) =>
        _ids.TryGet(id, out int node) ? new ReadOnlySpan<byte>(_store.Record(node), _store.VectorBytes) : default;

    /// <summary>Calls <paramref name="action"/> with the id of every live vector, in insertion order.</summary>
    /// <remarks>For reconciling the index with its table; nothing is allocated per id.</remarks>
    public void ForEachId(Action<long> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        int count = _store.Count;
        for (int node = 0; node < count; node++)
        {
            if (!_store.IsDeleted(node) && _ids.TryGet(_store.IdOf(node), out int mapped) && mapped == node)
            {
                action(_store.IdOf(node));
            }
        }
    }

    /// <summary>The ids of the live vectors, in insertion order.</summary>
    public long[] LiveIds()
    {
        var ids = new List<long>((int)Math.Min(Count, Array.MaxLength));
        ForEachId(ids.Add);
        return [.. ids];
    }

    /// <summary>Writes the <c>results.Length</c> nearest live vectors accepted by <paramref name="filter"/>, nearest first, searching with <see cref="HnswOptions.EfSearch"/>; returns how many were written.</summary>
    /// <remarks>
    /// Rejected vectors are still walked through. When the filter passes few vectors the walk may
    /// find fewer than asked for; the caller then falls back to an exact scan.
    /// </remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, or a bit query holds a value other than 0 or 1.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, Options.EfSearch);

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with a per-search candidate list size.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, HnswSearchOptions options)
        where TFilter : struct, IRowFilter
    {
        ArgumentNullException.ThrowIfNull(options);
        return Search(query, filter, results, options.EfSearch);
    }

    /// <summary>A new index with the same options holding only the live vectors, for when tombstones pile up.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; this index is unchanged.</exception>
    public HnswIndex Compact(CancellationToken cancellationToken = default)
    {
        var compacted = new HnswIndex(ElementType, Dimensions, Metric, Options);
        try
        {
            compacted.Build(new LiveVectorSource(this), null, cancellationToken);
        }
        catch
        {
            compacted.Dispose();
            throw;
        }

        return compacted;
    }

    /// <inheritdoc />
    public IUpdatableVectorIndex CreateEmpty() => new HnswIndex(ElementType, Dimensions, Metric, Options);

    /// <inheritdoc />
    IUpdatableVectorIndex IUpdatableVectorIndex.Compact(CancellationToken cancellationToken) => Compact(cancellationToken);

    /// <summary>Releases the index; searches must not run during or after this call.</summary>
    public void Dispose()
    {
        _disposed = true;
        _store.Dispose();
    }

    /// <summary>Searches with a candidate list of <paramref name="breadth"/> (ef_search), at least the number of results.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(breadth, 1);
        ThrowIfDisposed();
        int ef = breadth;
        int written = _graph.Search(query, filter, results, ef, DeletedCount > 0);

        // The walk reads raw pointers into memory this object keeps alive.
        GC.KeepAlive(this);
        return written;
    }

    /// <summary>Writes a node for a vector and maps its id; the caller links it into the graph.</summary>
    private int Allocate(long id, ReadOnlySpan<byte> vector)
    {
        // -ln(U) / ln(M): each level holds about 1/M of the nodes of the level below.
        double u = 1.0 - _levels.NextDouble();
        int level = (int)Math.Min(MaxLevelCap, -Math.Log(u) * _levelScale);
        int node = _store.Allocate(id, vector, level);
        _ids.Add(id, node);
        return node;
    }

    private static void ValidateOptions(HnswOptions options)
    {
        if (options.M is < 2 or > 100)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), $"M must be between 2 and 100 but is {options.M}.");
        }

        if (options.EfConstruction < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), $"EfConstruction must be at least 1 but is {options.EfConstruction}.");
        }

        if (options.EfSearch < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), $"EfSearch must be at least 1 but is {options.EfSearch}.");
        }

        if (options.MaxThreads < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), $"MaxThreads must be at least 1 but is {options.MaxThreads}.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
