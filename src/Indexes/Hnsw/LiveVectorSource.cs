namespace VecStore.Indexes.Hnsw;

/// <summary>The live vectors of an <see cref="HnswIndex"/> as a source, one node a block, for rebuilding without tombstones.</summary>
internal sealed unsafe class LiveVectorSource(HnswIndex index) : IVectorSource
{
    // A presence word with no bit set marks a tombstoned node's block as empty.
    private static readonly ulong[] Absent = [0];

    private readonly NodeStore _store = index.Store;
    private readonly int _nodes = index.Store.Count;

    public int Dimensions => index.Dimensions;

    public VectorElement ElementType => index.ElementType;

    public int BlockCount => _nodes;

    public VectorBlock GetBlock(int index)
    {
        bool live = !_store.IsDeleted(index);
        return new VectorBlock(1, new ReadOnlySpan<byte>(_store.Record(index), _store.VectorBytes), _store.IdOf(index), default, live ? default : Absent);
    }

    public ReadOnlySpan<byte> GetVectorData(long id) => index.GetVectorData(id);
}
