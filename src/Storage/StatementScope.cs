using VecStore.Storage.Catalog;
using VecStore.Storage.Views;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

/// <summary>One statement in progress: its snapshot, its views of vector columns and the slots it allocated.</summary>
/// <remarks>
/// <see cref="Complete"/> makes the statement's changes part of the transaction (committing it
/// when the statement is its own transaction); disposing without completing undoes them.
/// </remarks>
public sealed class StatementScope : IDisposable
{
    private readonly Session _session;
    private readonly bool _ownTransaction;
    private readonly Dictionary<long, ColumnView> _views = [];
    private bool _latched;
    private bool _ended;

    internal StatementScope(Session session, bool ownTransaction, bool writes)
    {
        _session = session;
        _ownTransaction = ownTransaction;
        Writes = writes;
    }

    /// <summary>True when the statement may write.</summary>
    public bool Writes { get; }

    /// <summary>Bytes of vectors this statement logged.</summary>
    internal long LogBytes { get; set; }

    /// <summary>Ends the statement successfully.</summary>
    public void Complete()
    {
        // A failure here (training a waiting index) leaves the statement to be disposed, which undoes it.
        if (Writes)
            _session.TrainWaitingIndexes();
        End(success: true);
    }

    /// <summary>Ends the statement; without <see cref="Complete"/> its changes are undone.</summary>
    public void Dispose() => End(success: false);

    internal void Abandon() => End(success: false);

    /// <summary>The vectors of a column as this statement sees them.</summary>
    internal ColumnView View(ColumnSchema column) => View(column, includeOwn: true);

    /// <summary>The vectors of the vector column with id <paramref name="columnId"/> as this statement sees them; null when the catalog has no such column.</summary>
    internal ColumnView? ViewById(long columnId)
    {
        if (_views.TryGetValue(columnId, out var view))
            return view;
        var column = _session.Catalog.FindVectorColumn(columnId);
        return column is null ? null : View(column);
    }

    /// <summary>The committed vectors of a column at this statement's snapshot, without the transaction's own changes.</summary>
    internal ColumnView CommittedView(ColumnSchema column) => _session.TransactionWrites ? View(column, includeOwn: false) : View(column);

    private ColumnView View(ColumnSchema column, bool includeOwn)
    {
        if (includeOwn && _views.TryGetValue(column.ColumnId, out var view))
            return view;
        var database = _session.SharedDatabase;
        if (!_latched)
        {
            database.Latch.EnterShared();
            _latched = true;
        }
        database.RefreshOverlay(_session.Connection, _session.SnapshotLsn);
        var committed = database.OverlayAt(column.ColumnId, _session.SnapshotLsn);
        OverlaySnapshot? own = null;
        if (includeOwn && _session.TransactionWrites)
        {
            var mine = new ColumnOverlay(column.VectorBytes);
            VectorLog.Read(_session.Connection, _session.SnapshotLsn, long.MaxValue, column.ColumnId, (in LogRecord r) => mine.Append(r));
            own = mine.Count > 0 ? mine.Snapshot(long.MaxValue) : null;
        }
        view = new ColumnView(database.Vectors, database.Pages.Pages(column.ColumnId), column.Element, column.Dimensions, committed, own);
        if (includeOwn)
            _views[column.ColumnId] = view;
        return view;
    }

    /// <summary>Forgets this statement's view of a column it has just written, so a later read (RETURNING, the next row of an upsert) sees the write.</summary>
    internal void ForgetView(long columnId) => _views.Remove(columnId);

    /// <summary>A free slot for a new vector of <paramref name="column"/>: a freed one when there is one, else the next unused.</summary>
    internal long AllocateSlot(ColumnSchema column) => _session.Slots.Allocate(_session.Connection, column.ColumnId);

    /// <summary>Returns a slot to the free list.</summary>
    /// <remarks>The statement's view keeps showing the freed vector: a DELETE frees its rows' slots before SQLite evaluates its WHERE clause, which may read them.</remarks>
    internal void FreeSlot(ColumnSchema column, long slot) => _session.Slots.Free(_session.Connection, column.ColumnId, slot);

    private void End(bool success)
    {
        if (_ended)
            return;
        _ended = true;
        _views.Clear();
        if (_latched)
        {
            _latched = false;
            _session.SharedDatabase.Latch.ExitShared();
        }
        _session.EndStatement(this, success, _ownTransaction, LogBytes);
    }
}
