namespace VecStore.Storage.Wal;

/// <summary>What the overlay of one column says as of one LSN: the newest version of each slot it touches.</summary>
/// <remarks>Immutable and shared by every query that reads at the same LSN.</remarks>
internal sealed class OverlaySnapshot
{
    private readonly long[] _lsn;
    private readonly long[] _slot;
    private readonly long[] _rowId;
    private readonly bool[] _freed;
    private readonly byte[][] _chunks;
    private readonly Dictionary<long, int> _latest;
    private readonly ulong[][] _present;

    public OverlaySnapshot(int vectorBytes, int count, long[] lsn, long[] slot, long[] rowId, bool[] freed, byte[][] chunks)
    {
        _lsn = lsn;
        VectorBytes = vectorBytes;
        Count = count;
        _slot = slot;
        _rowId = rowId;
        _freed = freed;
        _chunks = chunks;
        _latest = new Dictionary<long, int>(count);
        for (int i = 0; i < count; i++)
            _latest[slot[i]] = i;
        int chunkCount = (count + ColumnOverlay.ChunkVectors - 1) / ColumnOverlay.ChunkVectors;
        _present = new ulong[chunkCount][];
        for (int c = 0; c < chunkCount; c++)
            _present[c] = new ulong[ColumnOverlay.ChunkVectors / 64];
        foreach (var (_, i) in _latest)
            if (!freed[i])
                _present[i / ColumnOverlay.ChunkVectors][(i % ColumnOverlay.ChunkVectors) >> 6] |= 1UL << (i & 63);
    }

    /// <summary>Bytes of one vector in the column's element encoding.</summary>
    public int VectorBytes { get; }

    /// <summary>Records this snapshot covers.</summary>
    public int Count { get; }

    /// <summary>Number of chunks (blocks) a scan visits.</summary>
    public int ChunkCount => _present.Length;

    /// <summary>Slots that have a version here (written or freed); they hide the page copy.</summary>
    public IEnumerable<long> Slots => _latest.Keys;

    public bool IsEmpty => Count == 0;

    /// <summary>True when the slot has a version here; then <paramref name="vector"/> is it (empty when freed).</summary>
    public bool TryGet(long slot, out ReadOnlySpan<byte> vector, out long rowId)
    {
        if (!_latest.TryGetValue(slot, out int i))
        {
            vector = default;
            rowId = 0;
            return false;
        }
        rowId = _rowId[i];
        vector = _freed[i] ? default : _chunks[i / ColumnOverlay.ChunkVectors].AsSpan(i % ColumnOverlay.ChunkVectors * VectorBytes, VectorBytes);
        return true;
    }

    /// <summary>The LSN of the version of <paramref name="slot"/> held here, or 0 when it has none.</summary>
    public long LsnOf(long slot) => _latest.TryGetValue(slot, out int i) ? _lsn[i] : 0;

    /// <summary>Whether the slot has a version here.</summary>
    public bool Contains(long slot) => _latest.ContainsKey(slot);

    /// <summary>The vectors of chunk <paramref name="chunk"/>, their slot ids and which are the live newest versions.</summary>
    /// <summary>The LSN of each record of a chunk (record i of the chunk at <c>[i]</c>).</summary>
    public ReadOnlySpan<long> ChunkLsns(int chunk)
    {
        int start = chunk * ColumnOverlay.ChunkVectors;
        return _lsn.AsSpan(start, Math.Min(ColumnOverlay.ChunkVectors, Count - start));
    }

    public void Chunk(int chunk, out int count, out ReadOnlySpan<byte> vectors, out ReadOnlySpan<long> slots, out ulong[] present)
    {
        int start = chunk * ColumnOverlay.ChunkVectors;
        count = Math.Min(ColumnOverlay.ChunkVectors, Count - start);
        vectors = _chunks[chunk].AsSpan(0, count * VectorBytes);
        slots = _slot.AsSpan(start, count);
        present = _present[chunk];
    }
}
