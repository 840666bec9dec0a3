using VecStore.Indexes;

namespace VecStore.Storage.Indexing;

/// <summary>A source that shows every vector of another except a few held out, so an index can be built without them and tuned with them as queries it has never seen.</summary>
/// <remarks>The presence bitmaps of the blocks holding those vectors are copied once with their bits cleared; every other block is handed out as it is. Safe for concurrent reads, as the source is.</remarks>
internal sealed class HeldOutVectors : IVectorSource
{
    private readonly IVectorSource _source;
    private readonly Dictionary<int, ulong[]> _presence = [];

    public HeldOutVectors(IVectorSource source, IReadOnlyCollection<long> heldOut)
    {
        _source = source;
        var ids = new HashSet<long>(heldOut);
        for (int b = 0; b < source.BlockCount; b++)
        {
            var block = source.GetBlock(b);
            ulong[]? bits = null;
            for (int i = 0; i < block.Count; i++)
            {
                if (!block.IsPresent(i) || !ids.Contains(block.IdAt(i)))
                    continue;
                bits ??= Presence(block);
                bits[i >> 6] &= ~(1UL << (i & 63));
            }
            if (bits is not null)
                _presence[b] = bits;
        }
    }

    public int Dimensions => _source.Dimensions;

    public VectorElement ElementType => _source.ElementType;

    public int BlockCount => _source.BlockCount;

    public VectorBlock GetBlock(int index)
    {
        var block = _source.GetBlock(index);
        return _presence.TryGetValue(index, out var bits)
            ? new VectorBlock(block.Count, block.Data, block.FirstId, block.Ids, bits)
            : block;
    }

    /// <summary>The source's bytes for any id, held out or not: a search re-ranking from the column still finds them.</summary>
    public ReadOnlySpan<byte> GetVectorData(long id) => _source.GetVectorData(id);

    private static ulong[] Presence(VectorBlock block)
    {
        var bits = new ulong[(block.Count + 63) >> 6];
        if (block.Present.IsEmpty)
        {
            Array.Fill(bits, ulong.MaxValue);
            if ((block.Count & 63) != 0)
                bits[^1] = (1UL << (block.Count & 63)) - 1;
        }
        else
        {
            block.Present[..bits.Length].CopyTo(bits);
        }
        return bits;
    }
}
