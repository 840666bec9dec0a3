namespace VecStore.Storage.Wal;

/// <summary>One entry of the vector log, as read back.</summary>
/// <remarks>
/// Kinds: a vector written to a slot (<see cref="Data"/> not empty: the vector in its column's
/// element encoding), a slot freed (<see cref="Data"/> empty), or a column dropped
/// (<see cref="Slot"/> = <see cref="DropColumnSlot"/>). <see cref="Data"/> points into memory the
/// reader reuses for the next record.
/// </remarks>
internal readonly ref struct LogRecord
{
    public const long DropColumnSlot = -1;

    public LogRecord(long lsn, long columnId, long slot, long rowId, ReadOnlySpan<byte> data)
    {
        Lsn = lsn;
        ColumnId = columnId;
        Slot = slot;
        RowId = rowId;
        Data = data;
    }

    public long Lsn { get; }
    public long ColumnId { get; }
    public long Slot { get; }
    public long RowId { get; }
    public ReadOnlySpan<byte> Data { get; }
    public bool IsDrop => Slot == DropColumnSlot;
    public bool IsFree => !IsDrop && Data.IsEmpty;
}
