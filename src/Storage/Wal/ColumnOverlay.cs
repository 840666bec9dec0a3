namespace VecStore.Storage.Wal;

/// <summary>The log records of one vector column that no checkpoint has moved into the pages yet, in memory, in LSN order.</summary>
/// <remarks>
/// Append-only between checkpoints: arrays are replaced, never changed in place below the
/// count, so an <see cref="OverlaySnapshot"/> taken earlier stays valid while records are added.
/// The owner serialises <see cref="Append"/>, <see cref="Snapshot"/> and <see cref="RemoveUpTo"/>.
/// </remarks>
internal sealed class ColumnOverlay
{
    internal const int ChunkVectors = 256;
    private long[] _lsn = new long[64];
    private long[] _slot = new long[64];
    private long[] _rowId = new long[64];
    private bool[] _freed = new bool[64];
    private byte[][] _chunks = [];
    private int _count;
    private OverlaySnapshot? _cached;

    public ColumnOverlay(int vectorBytes) => VectorBytes = vectorBytes;

    /// <summary>Bytes of one vector in the column's element encoding.</summary>
    public int VectorBytes { get; }

    public int Count => _count;

    /// <summary>Adds a record; LSNs must arrive in increasing order.</summary>
    public void Append(in LogRecord record)
    {
        if (_count == _lsn.Length)
            Grow();
        int i = _count;
        int chunk = i / ChunkVectors;
        if (!record.IsFree && record.Data.Length != VectorBytes)
            throw new InvalidDataException($"a logged vector of {record.Data.Length} bytes where the column stores {VectorBytes}");
        if (chunk == _chunks.Length)
        {
            var chunks = new byte[_chunks.Length + 1][];
            Array.Copy(_chunks, chunks, _chunks.Length);
            chunks[^1] = new byte[ChunkVectors * VectorBytes];
            _chunks = chunks;
        }
        _lsn[i] = record.Lsn;
        _slot[i] = record.Slot;
        _rowId[i] = record.RowId;
        _freed[i] = record.IsFree;
        if (!record.IsFree)
            record.Data.CopyTo(_chunks[chunk].AsSpan(i % ChunkVectors * VectorBytes, VectorBytes));
        _count = i + 1;
    }

    /// <summary>The newest version of every slot among the records with LSN &lt;= <paramref name="upToLsn"/>.</summary>
    public OverlaySnapshot Snapshot(long upToLsn)
    {
        int n = UpperBound(upToLsn);
        var cached = _cached;
        if (cached is not null && cached.Count == n)
            return cached;
        var snapshot = new OverlaySnapshot(VectorBytes, n, _lsn, _slot, _rowId, _freed, _chunks);
        _cached = snapshot;
        return snapshot;
    }

    /// <summary>The newest version of each slot changed by records in (<paramref name="afterLsn"/>, <paramref name="upToLsn"/>]: a vector copy, or null when freed.</summary>
    /// <remarks>What a vector index applies to catch up; the caller serialises it with <see cref="Append"/>.</remarks>
    public List<(long Slot, byte[]? Vector)> ChangesBetween(long afterLsn, long upToLsn)
    {
        int from = UpperBound(afterLsn), to = UpperBound(upToLsn);
        var latest = new Dictionary<long, int>();
        for (int i = from; i < to; i++)
            latest[_slot[i]] = i;
        var changes = new List<(long, byte[]?)>(latest.Count);
        foreach (var (slot, i) in latest)
            changes.Add((slot, _freed[i] ? null : _chunks[i / ChunkVectors].AsSpan(i % ChunkVectors * VectorBytes, VectorBytes).ToArray()));
        return changes;
    }

    /// <summary>The slots with a record in (<paramref name="afterLsn"/>, <paramref name="upToLsn"/>].</summary>
    public HashSet<long> SlotsBetween(long afterLsn, long upToLsn)
    {
        int from = UpperBound(afterLsn), to = UpperBound(upToLsn);
        var slots = new HashSet<long>(to - from);
        for (int i = from; i < to; i++)
            slots.Add(_slot[i]);
        return slots;
    }

    /// <summary>The LSN of the newest record held, or <paramref name="none"/>.</summary>
    public long LastLsn(long none) => _count == 0 ? none : _lsn[_count - 1];

    /// <summary>Drops the records a checkpoint moved into the pages.</summary>
    public void RemoveUpTo(long lsn)
    {
        int n = UpperBound(lsn);
        if (n == 0)
            return;
        var rest = new ColumnOverlay(VectorBytes);
        for (int i = n; i < _count; i++)
        {
            var chunk = _chunks[i / ChunkVectors];
            var vector = _freed[i] ? default : chunk.AsSpan(i % ChunkVectors * VectorBytes, VectorBytes);
            rest.Append(new LogRecord(_lsn[i], 0, _slot[i], _rowId[i], vector));
        }
        _lsn = rest._lsn;
        _slot = rest._slot;
        _rowId = rest._rowId;
        _freed = rest._freed;
        _chunks = rest._chunks;
        _count = rest._count;
        _cached = null;
    }

    private int UpperBound(long lsn)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_lsn[mid] <= lsn)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private void Grow()
    {
        int size = _lsn.Length * 2;
        Array.Resize(ref _lsn, size);
        Array.Resize(ref _slot, size);
        Array.Resize(ref _rowId, size);
        Array.Resize(ref _freed, size);
    }
}
