using VecStore.Indexes;

namespace VecStore.Storage.Indexing;

/// <summary>The written vectors of a set of changes as a vector source, so that a large batch is linked into a graph on every core.</summary>
internal sealed class ChangeBatch : IVectorSource
{
    private const int BlockVectors = 1024;
    private readonly List<(long Slot, byte[] Vector)> _writes;
    private readonly int _vectorBytes;

    public ChangeBatch(List<(long Slot, byte[] Vector)> writes, VectorElement element, int dimensions)
    {
        _writes = writes;
        ElementType = element;
        Dimensions = dimensions;
        _vectorBytes = VectorElements.BytesPerVector(element, dimensions);
    }

    public int Dimensions { get; }

    public VectorElement ElementType { get; }

    public int BlockCount => (_writes.Count + BlockVectors - 1) / BlockVectors;

    public VectorBlock GetBlock(int index)
    {
        int start = index * BlockVectors;
        int count = Math.Min(BlockVectors, _writes.Count - start);
        var data = new byte[count * _vectorBytes];
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            var (slot, vector) = _writes[start + i];
            ids[i] = slot;
            vector.CopyTo(data, i * _vectorBytes);
        }
        return new VectorBlock(count, data, 0, ids, default);
    }

    public ReadOnlySpan<byte> GetVectorData(long id)
    {
        foreach (var (slot, vector) in _writes)
            if (slot == id)
                return vector;
        return default;
    }
}
