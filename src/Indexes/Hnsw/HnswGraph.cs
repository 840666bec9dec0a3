using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

/// <summary>The graph of an <see cref="HnswIndex"/>: its entry point and the walks over its nodes, for one metric and element type.</summary>
/// <remarks>
/// <see cref="HnswGraph{TScorer}"/> holds the algorithm, compiled once per scorer so the distance
/// kernel inlines into the walk; this base is what the index calls. Insertions may run on
/// several threads at once (a parallel build), each with its own <see cref="SearchContext"/>;
/// a neighbour list is changed only under its node's lock, and searches read without locks.
/// </remarks>
internal abstract class HnswGraph
{
    // Locks are shared by nodes with equal low bits; no code path holds two at once.
    private const int LockStripes = 1024;

    private readonly Lock[] _locks;
    private readonly Lock _entryLock = new();

    // Top level in the high 32 bits, node in the low 32; -1 while the graph is empty.
    private long _entry = -1;

    protected HnswGraph(NodeStore store, int dimensions, int efConstruction)
    {
        Store = store;
        Dimensions = dimensions;
        EfConstruction = efConstruction;
        Pool = new SearchContextPool(dimensions, store.MaxLinks0);
        _locks = new Lock[LockStripes];
        for (int i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new Lock();
        }
    }

    public NodeStore Store { get; }

    public int Dimensions { get; }

    public int EfConstruction { get; }

    public SearchContextPool Pool { get; }

    /// <summary>The entry node, or -1 when the graph is empty.</summary>
    public int EntryNode => (int)Volatile.Read(ref _entry);

    /// <summary>The top level of the graph, or -1 when it is empty.</summary>
    public int MaxLevel
    {
        get
        {
            long entry = Volatile.Read(ref _entry);
            return entry < 0 ? -1 : (int)(entry >> 32);
        }
    }

    /// <summary>The graph for <paramref name="metric"/> over <paramref name="element"/> vectors, which the caller has checked go together.</summary>
    public static HnswGraph Create(VectorElement element, Metric metric, NodeStore store, int dimensions, int efConstruction) =>
        (element, metric) switch
        {
            (VectorElement.Float32, Metric.L2) => new HnswGraph<L2Scorer>(store, dimensions, efConstruction),
            (VectorElement.Float32, Metric.Cosine) => new HnswGraph<InverseNormCosineScorer>(store, dimensions, efConstruction),
            (VectorElement.Float32, Metric.InnerProduct) => new HnswGraph<InnerProductScorer>(store, dimensions, efConstruction),
            (VectorElement.Float32, _) => new HnswGraph<L1Scorer>(store, dimensions, efConstruction),
            (VectorElement.Float16, Metric.L2) => new HnswGraph<Float16L2Scorer>(store, dimensions, efConstruction),
            (VectorElement.Float16, Metric.Cosine) => new HnswGraph<Float16CosineScorer>(store, dimensions, efConstruction),
            (VectorElement.Float16, Metric.InnerProduct) => new HnswGraph<Float16InnerProductScorer>(store, dimensions, efConstruction),
            (VectorElement.Float16, _) => new HnswGraph<Float16L1Scorer>(store, dimensions, efConstruction),
            (_, Metric.Hamming) => new HnswGraph<HammingScorer>(store, dimensions, efConstruction),
            _ => new HnswGraph<JaccardScorer>(store, dimensions, efConstruction),
        };

    /// <summary>Whether records of this pair carry their inverse norm (<see cref="InverseNormCosineScorer"/>).</summary>
    public static bool StoresInverseNorm(VectorElement element, Metric metric) => element == VectorElement.Float32 && metric == Metric.Cosine;

    /// <summary>Links an allocated, not yet reachable node into the graph.</summary>
    public abstract void Insert(int node, SearchContext context);

    /// <summary>Walks the graph for the nearest live nodes accepted by <paramref name="filter"/> and writes up to <c>results.Length</c> of them, nearest first.</summary>
    public abstract int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int ef, bool hasDeletions)
        where TFilter : struct, IRowFilter;

    /// <summary>Sets the entry point of a graph read from a file.</summary>
    public void SetEntryForLoad(int node, int level) => _entry = node < 0 ? -1 : ((long)level << 32) | (uint)node;

    protected Lock LockOf(int node) => _locks[node & (LockStripes - 1)];

    /// <summary>The packed entry point: top level in the high half, node in the low half, or -1.</summary>
    protected long Entry => Volatile.Read(ref _entry);

    /// <summary>Makes <paramref name="node"/> the entry point when its level is above the current top, or the graph is empty.</summary>
    /// <returns>True when the node became the entry point of an empty graph (it then needs no links).</returns>
    protected bool PublishEntry(int node, int level, bool onlyIfEmpty)
    {
        lock (_entryLock)
        {
            long entry = _entry;
            if (entry < 0 || (!onlyIfEmpty && level > (int)(entry >> 32)))
            {
                // Published last: the node's record and lists are complete.
                Volatile.Write(ref _entry, ((long)level << 32) | (uint)node);
                return entry < 0;
            }

            return false;
        }
    }
}
