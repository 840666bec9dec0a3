using System.Globalization;
using VecStore.Storage.Metadata;

namespace VecStore.Storage.Pages;

/// <summary>Hands out vector slots within one transaction: freed slots first, then the column's next unused one.</summary>
/// <remarks>
/// A column's next unused slot is read once per transaction and written back just before the
/// transaction commits, so inserting many rows in one transaction costs no extra statement per
/// row. Only one transaction writes at a time (SQLite's write lock), so the counter in memory
/// cannot race another writer. A failed statement restores the counters it changed.
/// </remarks>
internal sealed class SlotAllocator
{
    private readonly Dictionary<long, Counter> _counters = [];
    private readonly Dictionary<long, Counter?> _undo = [];

    /// <summary>A slot for a new vector of the column.</summary>
    public long Allocate(MetadataConnection db, long columnId)
    {
        var counter = Touch(db, columnId);
        if (counter.MayHaveFree)
        {
            var reused = db.Scalar(
                "DELETE FROM _vs_free_slots WHERE column_id = $0 AND slot = (SELECT min(slot) FROM _vs_free_slots WHERE column_id = $0) RETURNING slot",
                [columnId]);
            if (reused is long slot)
                return slot;
            counter.MayHaveFree = false;
        }
        counter.Dirty = true;
        return counter.Next++;
    }

    /// <summary>Puts a slot on the free list.</summary>
    public void Free(MetadataConnection db, long columnId, long slot)
    {
        db.Execute("INSERT INTO _vs_free_slots (column_id, slot) VALUES ($0, $1)", [columnId, slot]);
        if (_counters.ContainsKey(columnId))
            Touch(db, columnId).MayHaveFree = true;
    }

    /// <summary>The statement succeeded: its changes to the counters stay.</summary>
    public void CompleteStatement() => _undo.Clear();

    /// <summary>The statement failed (its SQL was rolled back): restore the counters as they were before it.</summary>
    public void RollbackStatement()
    {
        foreach (var (columnId, before) in _undo)
        {
            if (before is null)
                _counters.Remove(columnId);
            else
                _counters[columnId] = before;
        }
        _undo.Clear();
    }

    /// <summary>Writes the counters that moved into the catalog; the last step before COMMIT.</summary>
    public void Flush(MetadataConnection db)
    {
        foreach (var (columnId, counter) in _counters)
        {
            if (!counter.Dirty)
                continue;
            db.Execute("UPDATE _vs_columns SET next_slot = $0 WHERE column_id = $1", [counter.Next, columnId]);
            counter.Dirty = false;
        }
    }

    /// <summary>The transaction ended: forget everything (another writer may come next).</summary>
    public void Reset()
    {
        _counters.Clear();
        _undo.Clear();
    }

    private Counter Touch(MetadataConnection db, long columnId)
    {
        _counters.TryGetValue(columnId, out var counter);
        if (!_undo.ContainsKey(columnId))
            _undo[columnId] = counter?.Clone();
        if (counter is null)
        {
            long next = Convert.ToInt64(db.Scalar("SELECT next_slot FROM _vs_columns WHERE column_id = $0", [columnId]), CultureInfo.InvariantCulture);
            _counters[columnId] = counter = new Counter { Next = next, MayHaveFree = true };
        }
        return counter;
    }

    private sealed class Counter
    {
        public long Next;
        public bool MayHaveFree;
        public bool Dirty;

        public Counter Clone() => (Counter)MemberwiseClone();
    }
}
