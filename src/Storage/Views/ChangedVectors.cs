using VecStore.Indexes;
using VecStore.Storage.Wal;

namespace VecStore.Storage.Views;

/// <summary>The slots of a column that changed after a vector index's LSN, as one statement sees them.</summary>
/// <remarks>
/// A query through a vector index searches the index (the state at its LSN) and these vectors
/// exactly, and drops the index's answers for slots changed since (<see cref="IsChanged"/>):
/// rewritten, freed, or the session's own uncommitted versions.
/// </remarks>
public sealed class ChangedVectors : IVectorSource
{
    private readonly ColumnView _view;
    private readonly OverlaySnapshot? _committed;
    private readonly OverlaySnapshot? _own;
    private readonly long _coveredLsn;
    private readonly ulong[][] _committedMasks;
    private static readonly ulong[] Empty = new ulong[ColumnOverlay.ChunkVectors / 64];

    internal ChangedVectors(ColumnView view, OverlaySnapshot? committed, OverlaySnapshot? own, long coveredLsn)
    {
        _view = view;
        _committed = committed;
        _own = own;
        _coveredLsn = coveredLsn;
        _committedMasks = new ulong[committed?.ChunkCount ?? 0][];
        // Records are in LSN order: chunks that end at or below the index's LSN hold nothing newer.
        int first = 0;
        while (first < _committedMasks.Length && committed!.ChunkLsns(first)[^1] <= coveredLsn)
            _committedMasks[first++] = Empty;
        for (int c = first; c < _committedMasks.Length; c++)
        {
            committed!.Chunk(c, out int count, out _, out var slots, out var present);
            var lsns = committed.ChunkLsns(c);
            var mask = (ulong[])present.Clone();
            for (int i = 0; i < count; i++)
                if (lsns[i] <= coveredLsn || (own is not null && own.Contains(slots[i])))
                    mask[i >> 6] &= ~(1UL << (i & 63));
            _committedMasks[c] = mask;
        }
    }

    /// <inheritdoc />
    public int Dimensions => _view.Dimensions;

    /// <inheritdoc />
    public VectorElement ElementType => _view.ElementType;

    /// <inheritdoc />
    public int BlockCount => _committedMasks.Length + (_own?.ChunkCount ?? 0);

    /// <summary>True when nothing changed after the index's LSN.</summary>
    public bool IsEmpty => _own is null && !AnyRecordSince();

    /// <summary>True when the slot has a version newer than the index's LSN (written or freed).</summary>
    public bool IsChanged(long slot) => (_own is not null && _own.Contains(slot)) || (_committed is not null && _committed.LsnOf(slot) > _coveredLsn);

    /// <inheritdoc />
    public VectorBlock GetBlock(int index)
    {
        if (index < _committedMasks.Length)
        {
            _committed!.Chunk(index, out int count, out var vectors, out var slots, out _);
            return new VectorBlock(count, vectors, 0, slots, _committedMasks[index]);
        }
        _own!.Chunk(index - _committedMasks.Length, out int n, out var v, out var s, out var p);
        return new VectorBlock(n, v, 0, s, p);
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetVectorData(long id) => IsChanged(id) ? _view.GetVectorData(id) : default;

    private bool AnyRecordSince() => _committed is not null && _committed.Count > 0 && _committed.ChunkLsns(_committed.ChunkCount - 1)[^1] > _coveredLsn;
}
