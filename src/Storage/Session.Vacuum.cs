using Microsoft.Data.Sqlite;
using VecStore.Storage.Backup;
using VecStore.Storage.Catalog;
using VecStore.Storage.Checkpoints;
using VecStore.Storage.Indexing;
using VecStore.Storage.Metadata;
using VecStore.Storage.Queries;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// VACUUM: dense slots, a vector file without empty pages, compacted indexes, a compacted SQLite file.
public sealed partial class Session
{
    /// <summary>Gives back the space deletes left behind: in the vector file, the vector indexes and the SQLite file.</summary>
    /// <remarks>
    /// Four steps, each safe to interrupt:
    /// 1. One write transaction renumbers each vector column's slots to 0..n-1 (in slot order): a
    ///    moved vector is logged like an UPDATE (its old slot freed, its new slot written), the row's
    ///    slot changes, the free list empties and the column's next slot becomes n. The SQLite commit
    ///    is its commit point, exactly as for any statement.
    /// 2. A checkpoint moves that into the pages, so the pages past each column's n are empty.
    /// 3. <see cref="VectorFileCompactor"/> rewrites the vector file without empty pages (same
    ///    contents, renamed into place).
    /// 4. Each loaded vector index catches up, is compacted and saved; SQLite's own VACUUM rewrites
    ///    the SQLite file, skipped when another connection holds it.
    /// Answers are the same before and after; only slot numbers, which no statement shows, change.
    /// Each step reports its progress through <see cref="Monitor"/> and stops when it stops: the
    /// renumbering is then rolled back, a half-written vector file deleted, an index compaction
    /// dropped and SQLite's VACUUM rolled back; steps already done stay done, and none of them
    /// changes what a statement sees. The checkpoint of step 2 is not interrupted.
    /// </remarks>
    public VacuumSummary Vacuum()
    {
        ThrowIfDisposed();
        ThrowIfBusy();
        if (_explicitTransaction)
            throw new VecStoreException(ErrorCode.TransactionAlreadyActive, "VACUUM cannot run inside a transaction; COMMIT or ROLLBACK first");
        if (IsReadOnly)
            throw VecStoreException.ReadOnlyDatabase(DisplayName);
        long bytesBefore = DatabaseBytes();
        long moved = 0;
        using (var scope = BeginStatement(writes: true))
        {
            int columns = 0, renumbered = 0;
            foreach (var table in _catalog.Tables)
                columns += table.VectorColumns.Count;
            _monitor.Begin("renumbering vector slots (columns)", columns);
            foreach (var table in _catalog.Tables)
            {
                foreach (var column in table.VectorColumns)
                {
                    moved += RenumberSlots(scope, table, column);
                    _monitor.Report(++renumbered);
                }
            }
            scope.Complete();
        }

        (long pagesBefore, long pagesAfter) pages;
        try
        {
            _monitor.Begin("checkpointing", 0);
            Checkpointer.Run(_database, _db, wait: true, recovery: false);
            pages = VectorFileCompactor.Run(_database, _monitor);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "compacting the vector file");
        }
        catch (IOException ex)
        {
            throw VecStoreException.IoError(_database.Vectors.DisplayName, "compacting the vector file", ex);
        }

        int indexes = CompactIndexes();
        CompactSqliteFile();
        return new VacuumSummary(moved, pages.pagesBefore, pages.pagesAfter, bytesBefore, DatabaseBytes(), indexes);
    }

    // Gives the column's vectors the slots 0..n-1 in their present order; returns how many moved.
    private long RenumberSlots(StatementScope scope, TableSchema table, ColumnSchema column)
    {
        var rows = new List<(long RowId, long Slot)>();
        var select = new SqlWriter().Append("SELECT rowid, ").AppendColumn(column).Append(" FROM ").Append(table.StorageName)
            .Append(" WHERE ").AppendColumn(column).Append(" IS NOT NULL ORDER BY ").AppendColumn(column);
        using (var reader = _db.Rows(select.Text, select.Values))
            while (reader.MoveNext())
                rows.Add((reader.Int64(0), reader.Int64(1)));

        // The view is taken before anything is logged, so it shows every vector at its old slot.
        var view = scope.View(column);
        var update = new SqlWriter().Append("UPDATE ").Append(table.StorageName).Append(" SET ").AppendColumn(column)
            .Append(" = ").AppendValue(null).Append(" WHERE rowid = ").AppendValue(null);
        long moved = 0;
        // Old slots are freed before new ones are written: a slot can be both (freed by one row, taken by another).
        for (int i = 0; i < rows.Count; i++)
        {
            if ((i & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.ThrowIfStopped();
            if (rows[i].Slot != i)
                VectorLog.AppendFree(_db, column.ColumnId, rows[i].Slot, rows[i].RowId);
        }
        for (int i = 0; i < rows.Count; i++)
        {
            if ((i & (RowsBetweenStopChecks - 1)) == 0)
                _monitor.ThrowIfStopped();
            var (rowId, slot) = rows[i];
            if (slot == i)
                continue;
            var vector = view.GetVectorData(slot);
            if (vector.Length != column.VectorBytes)
                throw view.MissingVector(DisplayName, slot, rowId);
            scope.LogBytes += LogVector(column, i, rowId, vector);
            var values = update.Values;
            values[0] = (long)i;
            values[1] = rowId;
            _db.Execute(update.Text, values);
            moved++;
        }
        _db.Execute("DELETE FROM _vs_free_slots WHERE column_id = $0", [column.ColumnId]);
        _db.Execute("UPDATE _vs_columns SET next_slot = $0 WHERE column_id = $1", [(long)rows.Count, column.ColumnId]);
        return moved;
    }

    private int CompactIndexes()
    {
        if (_database.Indexes.Count == 0)
            return 0;
        FeedIndexes();
        int compacted = 0;
        var states = _database.Indexes.All();
        _monitor.Begin("compacting vector indexes", states.Count);
        foreach (var state in states)
        {
            if (!IndexMaintainer.CatchUp(_database, state))
                continue;
            try
            {
                state.Compact(_monitor.Token);
            }
            catch (OperationCanceledException) when (_monitor.IsStopped)
            {
                throw _monitor.Stop();
            }
            try
            {
                state.Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The compacted index serves queries; its file is written again at the next save.
            }
            _monitor.Report(++compacted);
        }
        return compacted;
    }

    // SQLite's VACUUM rewrites the file without free pages; it needs the file to itself, so it is skipped while another connection uses it.
    private void CompactSqliteFile()
    {
        if (_database.Options.IsMemory || _database.References > 1)
            return;
        _monitor.Begin("compacting the SQLite file", 0);
        try
        {
            // SQLite's VACUUM is its own transaction: interrupted, it rolls back and the file stays as it was.
            _db.Interrupts = _monitor;
            _db.Execute("VACUUM");
            _db.Interrupts = null;
            _db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // Busy or locked: the vectors are compacted; the SQLite file keeps its free pages for now.
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "compacting the SQLite file");
        }
        finally
        {
            _db.Interrupts = null;
        }
    }

    private long DatabaseBytes()
    {
        if (_database.Options.IsMemory)
            return 0;
        string path = Path.GetFullPath(_database.Options.DataSource);
        long bytes = 0;
        foreach (var file in (ReadOnlySpan<string>)[path, path + "-wal", Database.VectorPath(path)])
            bytes += File.Exists(file) ? new FileInfo(file).Length : 0;
        foreach (var state in _database.Indexes.All())
            if (state.Path is not null && File.Exists(state.Path))
                bytes += new FileInfo(state.Path).Length;
        return bytes;
    }
}
