namespace VecStore.Indexes.Hnsw;

/// <summary>Decides which graph nodes a walk may keep as results; every node is still traversed.</summary>
internal interface INodeFilter
{
    bool Accepts(int node);
}

/// <summary>Keeps every node: construction, and searches of an index without tombstones or filter.</summary>
internal readonly struct AnyNode : INodeFilter
{
    public bool Accepts(int node) => true;
}

/// <summary>Keeps nodes that are not tombstoned and whose id the caller's filter accepts.</summary>
internal readonly struct LiveAccepted<TFilter>(NodeStore store, TFilter filter) : INodeFilter
    where TFilter : struct, IRowFilter
{
    public bool Accepts(int node) =>
        !store.IsDeleted(node) && (typeof(TFilter) == typeof(AcceptAll) || filter.Accepts(store.IdOf(node)));
}
