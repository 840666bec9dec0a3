namespace VecStore.Storage.Wal;

/// <summary>One entry of the vector log, as read back.</summary>
/// <remarks>
/// Kinds: a vector written to a slot (<see cref="Vector"/> not empty), a slot freed
/// (<see cref="Vector"/> empty), or a column dropped (<see cref="Slot"/> = <see cref="DropColumnSlot"/>).
/// <see cref="Vector"/> points into a buffer the reader reuses for the next record.
/// </remarks>
internal readonly ref struct LogRecord
{
    public const long DropColumnSlot = -1;

    public LogRecord(long lsn, long columnId, long slot, long rowId, ReadOnlySpan<float> vector)
    {
        Lsn = lsn;
        ColumnId = columnId;
        Slot = slot;
        RowId = rowId;
        Vector = vector;
    }

    public long Lsn { get; }
    public long ColumnId { get; }
    public long Slot { get; }
    public long RowId { get; }
    public ReadOnlySpan<float> Vector { get; }
    public bool IsDrop => Slot == DropColumnSlot;
    public bool IsFree => !IsDrop && Vector.IsEmpty;
}
