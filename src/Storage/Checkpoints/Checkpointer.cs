using System.Runtime.InteropServices;
using VecStore.Storage.Metadata;
using VecStore.Storage.Pages;
using VecStore.Storage.Wal;

namespace VecStore.Storage.Checkpoints;

/// <summary>Moves logged vectors into the pages of the vector file, makes them durable, then trims the log.</summary>
/// <remarks>
/// Order of a checkpoint to LSN L (each step durable before the next):
/// 1. apply the log records after the header's LSN up to L to the pages, and seal each page
///    touched (LSN and checksum); 2. flush the pages; 3. write the header with L and flush it;
/// 4. delete the records up to L from the log. A crash before 3 leaves the header at the old
/// LSN, so the next open applies the same records again (applying is idempotent, and torn pages
/// are rewritten whole where they changed); a crash after 3 leaves records the next open skips.
/// L never passes the oldest LSN an open reader reads at, because pages below it would then
/// show that reader vectors from its future.
/// </remarks>
internal static unsafe class Checkpointer
{
    /// <summary>How long a checkpoint asked for (CHECKPOINT) waits for other processes' readers before it gives up for now.</summary>
    private static readonly TimeSpan ForeignReaderGrace = TimeSpan.FromSeconds(1);

    /// <summary>As <see cref="ForeignReaderGrace"/> for an automatic checkpoint, which runs in a committing thread after its commit.</summary>
    private static readonly TimeSpan AutomaticForeignReaderGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>How long trimming the log waits for another writer's lock: the trim can always wait for the next checkpoint.</summary>
    private static readonly TimeSpan TrimLockWait = TimeSpan.FromSeconds(1);

    /// <summary>Runs a checkpoint on the session's connection, which must not be in a transaction.</summary>
    /// <param name="wait">Wait for readers (up to the busy timeout) instead of giving up at once.</param>
    /// <param name="recovery">The first checkpoint after open: pages it touches may be torn, so they are rewritten without checking first; it trims the log only when no other writer holds the lock (opening waits for no writer).</param>
    /// <returns>The LSN the pages now reach.</returns>
    public static long Run(Database database, MetadataConnection db, bool wait, bool recovery)
    {
        if (database.IsReadOnly)
            return database.Vectors.Header.CheckpointLsn;
        var timeout = wait ? TimeSpan.FromSeconds(database.Options.BusyTimeoutSeconds) : TimeSpan.Zero;
        if (!Monitor.TryEnter(database.CheckpointGate, timeout))
        {
            if (wait)
                throw VecStoreException.Busy(database.DisplayName, new TimeoutException("another checkpoint is running"));
            return database.Vectors.Header.CheckpointLsn;
        }
        try
        {
            return RunLocked(database, db, timeout, recovery);
        }
        catch (IOException ex)
        {
            // A full disk among them: the pages were left as a crash would leave them, and the log still holds every record.
            throw VecStoreException.IoError(database.Vectors.DisplayName, "checkpointing", ex);
        }
        finally
        {
            Monitor.Exit(database.CheckpointGate);
        }
    }

    private static long RunLocked(Database database, MetadataConnection db, TimeSpan timeout, bool recovery)
    {
        var file = database.Vectors;
        // Trimming at open waits for no other writer; a checkpoint racing the one at open recovers as it does.
        var trimWait = recovery ? TimeSpan.Zero : TrimLockWait;
        recovery |= database.RecoveryPending;

        db.Execute("BEGIN");
        bool read = false;
        try
        {
            long last = VectorLog.LastLsn(db);
            long target = Math.Min(last, database.Snapshots.Oldest(last));
            if (target > file.Header.CheckpointLsn)
            {
                if (!database.Latch.TryEnterExclusive(timeout))
                {
                    if (timeout > TimeSpan.Zero)
                        throw VecStoreException.Busy(database.DisplayName, new TimeoutException("readers kept the vector pages busy"));
                }
                else
                {
                    try
                    {
                        ApplyExclusive(database, db, target, timeout, recovery);
                    }
                    finally
                    {
                        database.Latch.ExitExclusive();
                    }
                }
            }
            read = true;
        }
        finally
        {
            // Only a read transaction: ended either way, and a failure to end it must not hide the one that got here.
            if (read)
                db.Execute("COMMIT");
            else
                db.RollbackIfActive();
        }

        TrimLog(database, db, file.Header.CheckpointLsn, trimWait);
        return file.Header.CheckpointLsn;
    }

    // Under the exclusive latch: keep other processes from reading pages, catch up with their
    // checkpoints, then move the records up to the target into the pages.
    private static void ApplyExclusive(Database database, MetadataConnection db, long target, TimeSpan timeout, bool recovery)
    {
        // Another process's reader is treated like an open snapshot here, which holds the target
        // back: the checkpoint moves what it can (nothing) rather than fail. It waits a moment,
        // since most readers are single statements, but never the whole busy timeout: a read
        // transaction in another process may stay open for minutes.
        var grace = timeout <= TimeSpan.Zero ? AutomaticForeignReaderGrace : timeout < ForeignReaderGrace ? timeout : ForeignReaderGrace;
        if (!database.PageGate.TryEnterCheckpoint(grace))
            return;
        try
        {
            database.ReloadPagesIfChanged();
            var file = database.Vectors;
            long from = file.Header.CheckpointLsn;
            // A checkpoint that died mid-way is finished first: its target at least, its pages rewritten unchecked.
            if (file.InterruptedApply is { } interrupted)
            {
                recovery = true;
                if (target < interrupted.TargetLsn)
                    return;
            }
            if (target <= from)
                return;
            // Records another process committed are not in this process's overlay yet; loaded
            // now, the indexes learn of them before the log is trimmed (else they would need a
            // comparison with the pages).
            if (database.Indexes.Count > 0)
                database.RefreshOverlay(db, target);
            // A full disk fails here, before anything changed, when the file has holes to fill.
            file.ReserveMapped();
            file.BeginApply(from, target);
            long bytes;
            try
            {
                bytes = Apply(database, db, from, target, recovery);
            }
            catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                // The disk filled (the file could not grow) or the log could not be read, part of the
                // way: the pages are as a crash would leave them, marked on disk. This process reads
                // on as the others would, from the log, and its next checkpoint recovers.
                file.MarkApplyInterrupted(from, target);
                database.RescanPages();
                throw;
            }
            database.TrimOverlay(target);
            database.NoteCheckpointed(bytes);
        }
        finally
        {
            database.PageGate.ExitCheckpoint();
        }
    }

    private static long Apply(Database database, MetadataConnection db, long from, long target, bool recovery)
    {
        var file = database.Vectors;
        var pages = database.Pages;
        var dirty = new HashSet<long>();
        long bytes = 0;
        // Element type and dimensions of every column with records, dropped ones included (see CatalogStore.DropTable).
        var shapes = CatalogStore.VectorColumnShapes(db);
        var layouts = new Dictionary<long, SlotLayout>();

        VectorLog.Read(db, from, target, null, (in LogRecord r) =>
        {
            bytes += r.Data.Length + 32;
            if (r.IsDrop)
            {
                foreach (var p in pages.ReleaseColumn(r.ColumnId))
                {
                    PageHeader.MarkFree(file.Page(p));
                    dirty.Remove(p);
                    file.MarkVerified(p);
                }
                return;
            }

            if (!layouts.TryGetValue(r.ColumnId, out var layout))
            {
                if (!shapes.TryGetValue(r.ColumnId, out var shape))
                    throw VecStoreException.CorruptLog(db.DisplayName, r.Lsn, $"it names vector column {r.ColumnId}, which the catalog does not know");
                layouts[r.ColumnId] = layout = SlotLayout.For(shape.Element, shape.Dimensions, file.PageSize);
            }
            if (!r.IsFree && r.Data.Length != layout.VectorBytes)
                throw VecStoreException.CorruptLog(db.DisplayName, r.Lsn, $"a vector of {r.Data.Length} bytes where the column stores {layout.VectorBytes}");
            int index = checked((int)(r.Slot / layout.Capacity));
            int position = (int)(r.Slot % layout.Capacity);

            long pageNo = pages.Find(r.ColumnId, index);
            if (pageNo < 0)
            {
                if (r.IsFree)
                    return;
                pageNo = pages.Allocate(r.ColumnId, index);
                file.EnsurePageCount(pageNo + 1);
                PageHeader.Initialize(file.Page(pageNo), r.ColumnId, index, layout, target);
                dirty.Add(pageNo);
            }
            else if (dirty.Add(pageNo))
            {
                if (!recovery)
                {
                    // Never reseal a page that was already damaged: that would hide the damage.
                    file.EnsureVerified(pageNo);
                }
                else if (PageHeader.AllocatedLsn(file.Page(pageNo)) > from)
                {
                    // The interrupted checkpoint gave this page to the column: its header landed,
                    // but the rest may still be the previous owner's (live bits of a dropped
                    // column). Every slot it should hold is in the records being applied.
                    PageHeader.Initialize(file.Page(pageNo), r.ColumnId, index, layout, target);
                }
            }

            var page = file.Page(pageNo);
            if (PageHeader.Dimensions(page) != layout.Dimensions || PageHeader.Element(page) != layout.Element)
                throw VecStoreException.CorruptPage(file.DisplayName, pageNo,
                    $"it holds {PageHeader.Element(page)} vectors of {PageHeader.Dimensions(page)} dimensions, the catalog says {layout.Element} of {layout.Dimensions}");
            var live = MemoryMarshal.Cast<byte, ulong>(page.Slice(layout.LiveOffset, layout.LiveWords * 8));
            var rowIds = MemoryMarshal.Cast<byte, long>(page.Slice(layout.RowIdOffset, layout.Capacity * 8));
            if (r.IsFree)
            {
                live[position >> 6] &= ~(1UL << (position & 63));
                rowIds[position] = 0;
            }
            else
            {
                live[position >> 6] |= 1UL << (position & 63);
                rowIds[position] = r.RowId;
                r.Data.CopyTo(page.Slice(layout.VectorOffset + position * layout.VectorBytes, layout.VectorBytes));
            }
        });

        foreach (var p in dirty)
        {
            PageHeader.Seal(file.Page(p), target);
            file.MarkVerified(p);
        }
        // The file grew in steps while records were applied; keep only the pages in use.
        file.Truncate(Math.Max(1, pages.PageCount));
        file.Flush(1, file.PageCount - 1);
        file.WriteHeader(file.Header with { CheckpointLsn = target });
        return bytes;
    }

    private static void TrimLog(Database database, MetadataConnection db, long upTo, TimeSpan lockWait)
    {
        // Another writer holding the lock only delays the trim: replay skips records below the header's LSN.
        if (!db.TryBeginImmediate(lockWait))
            return;
        try
        {
            VectorLog.Trim(db, upTo);
            ForgetFreedColumns(database, db);
            db.Execute("UPDATE _vs_meta SET value = $0 WHERE key = $1 AND value < $0", [upTo, SystemTables.MetaCheckpointLsn]);
            db.Execute("COMMIT");
        }
        catch
        {
            // A COMMIT that failed (SQLITE_FULL) may have rolled back already: the error that got here is the one to report.
            db.RollbackIfActive();
            throw;
        }
        try
        {
            // The trimmed log's pages go back to the file system (a no-op for files made without
            // auto_vacuum); a passive WAL checkpoint, which never waits for readers, moves the
            // shrink into the database file now rather than at SQLite's next automatic checkpoint.
            db.Execute("PRAGMA incremental_vacuum");
            db.Execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 13 or 10)
        {
            // A full disk: the checkpoint and the trim are committed; the file gives its space back at a later one.
            db.RollbackIfActive();
        }
    }

    // A dropped column is forgotten once nothing refers to it: no log record and no page.
    private static void ForgetFreedColumns(Database database, MetadataConnection db)
    {
        var candidates = new List<long>();
        using (var rows = db.Rows("SELECT column_id FROM _vs_columns WHERE table_id < 0 AND column_id NOT IN (SELECT column_id FROM _vs_vector_log)", []))
            while (rows.MoveNext())
                candidates.Add(rows.Int64(0));
        var owners = new HashSet<long>(database.Pages.Columns);
        CatalogStore.ForgetDroppedColumns(db, candidates.Where(id => !owners.Contains(id)));
    }
}
