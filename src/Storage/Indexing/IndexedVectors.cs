using VecStore.Indexes;

namespace VecStore.Storage.Indexing;

/// <summary>The live vectors of a vector index as a vector source, to build a compact copy of it.</summary>
/// <remarks>Each block copies its vectors into a fresh buffer, so blocks can be read from several threads at once.</remarks>
internal sealed class IndexedVectors : IVectorSource
{
    private const int BlockVectors = 1024;
    private readonly IUpdatableVectorIndex _index;
    private readonly long[] _ids;

    public IndexedVectors(IUpdatableVectorIndex index)
    {
        _index = index;
        _ids = index.LiveIds();
    }

    public int Dimensions => _index.Dimensions;

    public VectorElement ElementType => _index.ElementType;

    public int BlockCount => (_ids.Length + BlockVectors - 1) / BlockVectors;

    public VectorBlock GetBlock(int index)
    {
        int start = index * BlockVectors;
        int count = Math.Min(BlockVectors, _ids.Length - start);
        int bytes = VectorElements.BytesPerVector(ElementType, Dimensions);
        var data = new byte[count * bytes];
        for (int i = 0; i < count; i++)
            _index.GetVectorData(_ids[start + i]).CopyTo(data.AsSpan(i * bytes, bytes));
        return new VectorBlock(count, data, 0, _ids.AsSpan(start, count), default);
    }

    public ReadOnlySpan<byte> GetVectorData(long id) => _index.GetVectorData(id);
}
