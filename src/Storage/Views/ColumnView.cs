using System.Runtime.InteropServices;
using VecStore.Indexes;
using VecStore.Storage.Pages;
using VecStore.Storage.Wal;

namespace VecStore.Storage.Views;

/// <summary>The vectors of one column as one statement sees them: checkpointed pages, newer committed log records, and the session's own uncommitted ones.</summary>
/// <remarks>
/// Ids are slot numbers. A slot's newest version wins: the session's own records, then the
/// committed overlay up to the statement's LSN, then the page. Valid while the statement holds
/// the shared page latch; safe for concurrent reads from several threads.
/// </remarks>
public sealed unsafe class ColumnView : IVectorSource
{
    private readonly VectorFile _file;
    private readonly long[] _pages;
    private readonly SlotLayout _layout;
    private readonly OverlaySnapshot? _committed;
    private readonly OverlaySnapshot? _own;
    private readonly Dictionary<int, ulong[]> _pageMasks = [];
    private readonly Dictionary<int, ulong[]> _committedMasks = [];

    internal ColumnView(VectorFile file, long[] pages, VectorElement element, int dimensions, OverlaySnapshot? committed, OverlaySnapshot? own)
    {
        _file = file;
        _pages = pages;
        ElementType = element;
        Dimensions = dimensions;
        _layout = SlotLayout.For(element, dimensions, file.PageSize);
        _committed = committed is { IsEmpty: false } ? committed : null;
        _own = own is { IsEmpty: false } ? own : null;
        _masksReady = _committed is null && _own is null;
    }

    // Page masks hiding overlaid slots cost a pass over the overlay: made on the first block
    // read, because an index search reads single vectors and never needs them.
    private volatile bool _masksReady;

    private void EnsureMasks()
    {
        if (_masksReady)
            return;
        lock (_pageMasks)
        {
            if (_masksReady)
                return;
            Hide(_committed);
            Hide(_own);
            if (_own is not null && _committed is not null)
                HideCommittedUnderOwn();
            _masksReady = true;
        }
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public VectorElement ElementType { get; }

    /// <summary>Slots a full scan visits (present or not): a bound on the vectors the column holds.</summary>
    public long SlotCount => (long)_pages.Length * _layout.Capacity + (_committed?.Count ?? 0) + (_own?.Count ?? 0);

    /// <summary>Page blocks first, then committed overlay chunks, then the session's own.</summary>
    public int BlockCount => _pages.Length + (_committed?.ChunkCount ?? 0) + (_own?.ChunkCount ?? 0);

    /// <inheritdoc />
    public VectorBlock GetBlock(int index)
    {
        EnsureMasks();
        if (index < _pages.Length)
        {
            long pageNo = _pages[index];
            if (pageNo < 0)
                return default;
            _file.EnsureVerified(pageNo);
            byte* page = _file.PagePointer(pageNo);
            var vectors = new ReadOnlySpan<byte>(page + _layout.VectorOffset, _layout.Capacity * _layout.VectorBytes);
            ReadOnlySpan<ulong> present = _pageMasks.TryGetValue(index, out var mask)
                ? mask
                : new ReadOnlySpan<ulong>(page + _layout.LiveOffset, _layout.LiveWords);
            return new VectorBlock(_layout.Capacity, vectors, (long)index * _layout.Capacity, default, present);
        }
        index -= _pages.Length;
        if (_committed is not null)
        {
            if (index < _committed.ChunkCount)
            {
                _committed.Chunk(index, out int count, out var vectors, out var slots, out var present);
                return new VectorBlock(count, vectors, 0, slots, _committedMasks.TryGetValue(index, out var m) ? m : present);
            }
            index -= _committed.ChunkCount;
        }
        _own!.Chunk(index, out int n, out var v, out var s, out var p);
        return new VectorBlock(n, v, 0, s, p);
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetVectorData(long id) => TryRead(id, out var vector, out _) ? vector : default;

    /// <inheritdoc />
    public ReadOnlySpan<float> GetVector(long id)
    {
        if (ElementType != VectorElement.Float32)
            throw new InvalidOperationException("only a float32 column hands out float spans; use GetVectorData");
        return MemoryMarshal.Cast<byte, float>(GetVectorData(id));
    }

    /// <summary>The vectors this statement sees that are newer than <paramref name="coveredLsn"/>: what a vector index covering that LSN does not know yet.</summary>
    public ChangedVectors ChangedSince(long coveredLsn) => new(this, _committed, _own, coveredLsn);

    /// <summary>The row id stored with a slot, or null when the slot holds no vector.</summary>
    public long? RowIdOf(long slot) => TryRead(slot, out _, out long rowId) ? rowId : null;

    /// <summary>
    /// Why a slot a row points at holds no vector, as the error to raise: its page is missing from
    /// the vector file (truncated or lost), or the slot is empty in a page that exists.
    /// </summary>
    internal VecStoreException MissingVector(string database, long slot, long? rowId)
    {
        long index = slot / _layout.Capacity;
        string row = rowId is long id ? $"row {id}" : "a row";
        if (slot >= 0 && (index >= _pages.Length || _pages[index] < 0))
            return VecStoreException.CorruptFileHeader(_file.DisplayName,
                $"the page holding vector slot {slot} ({row}) is missing: the file is shorter than the database's rows need, or the page was lost or its header damaged");
        return VecStoreException.CorruptMetadata(database, $"{row} points at vector slot {slot}, which holds no vector");
    }

    private bool TryRead(long slot, out ReadOnlySpan<byte> vector, out long rowId)
    {
        if ((_own is not null && _own.TryGet(slot, out vector, out rowId))
            || (_committed is not null && _committed.TryGet(slot, out vector, out rowId)))
            return !vector.IsEmpty;
        vector = default;
        rowId = 0;
        if (slot < 0)
            return false;
        long index = slot / _layout.Capacity;
        if (index >= _pages.Length || _pages[index] < 0)
            return false;
        int position = (int)(slot % _layout.Capacity);
        long pageNo = _pages[index];
        _file.EnsureVerified(pageNo);
        byte* page = _file.PagePointer(pageNo);
        ulong word = ((ulong*)(page + _layout.LiveOffset))[position >> 6];
        if ((word & (1UL << (position & 63))) == 0)
            return false;
        rowId = ((long*)(page + _layout.RowIdOffset))[position];
        vector = new ReadOnlySpan<byte>(page + _layout.VectorOffset + (long)position * _layout.VectorBytes, _layout.VectorBytes);
        return true;
    }

    // Slots with a newer version in an overlay must not be read from their page.
    private void Hide(OverlaySnapshot? overlay)
    {
        if (overlay is null)
            return;
        foreach (long slot in overlay.Slots)
        {
            long index = slot / _layout.Capacity;
            if (index >= _pages.Length || _pages[index] < 0)
                continue;
            int i = (int)index;
            if (!_pageMasks.TryGetValue(i, out var mask))
            {
                _file.EnsureVerified(_pages[i]);
                var live = new ReadOnlySpan<ulong>(_file.PagePointer(_pages[i]) + _layout.LiveOffset, _layout.LiveWords);
                _pageMasks[i] = mask = live.ToArray();
            }
            int position = (int)(slot % _layout.Capacity);
            mask[position >> 6] &= ~(1UL << (position & 63));
        }
    }

    // The session's own uncommitted versions hide the committed ones of the same slots.
    private void HideCommittedUnderOwn()
    {
        for (int c = 0; c < _committed!.ChunkCount; c++)
        {
            _committed.Chunk(c, out int count, out _, out var slots, out var present);
            ulong[]? copy = null;
            for (int i = 0; i < count; i++)
            {
                if (_own!.Contains(slots[i]))
                {
                    copy ??= (ulong[])present.Clone();
                    copy[i >> 6] &= ~(1UL << (i & 63));
                }
            }
            if (copy is not null)
                _committedMasks[c] = copy;
        }
    }
}
