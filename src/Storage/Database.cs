using VecStore.Storage.Files;
using VecStore.Storage.Indexing;
using VecStore.Storage.Metadata;
using VecStore.Storage.Pages;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

/// <summary>The state one open database shares between all sessions of this process: the vector file, the log overlay, the latch.</summary>
/// <remarks>
/// Created by the first session that opens the file and disposed when the last one closes
/// (<see cref="DatabaseRegistry"/>). The SQLite file is the source of truth; everything here
/// is a cache of it plus the checkpointed pages. Thread-safe.
/// </remarks>
internal sealed class Database
{
    private readonly object _overlayGate = new();
    private readonly Dictionary<long, ColumnOverlay> _overlays = [];
    private long _overlayLsn;
    private long _overlayFloor;
    private long _pendingLogBytes;
    private IndexMaintainer? _maintainer;

    private readonly ProcessAttachment? _attachment;

    private Database(DatabaseOptions options, string displayName, SchemaBootstrap.Facts facts, VectorFile vectors, PageDirectory pages, ProcessPageGate gate, ProcessAttachment? attachment)
    {
        _attachment = attachment;
        Options = options;
        DisplayName = displayName;
        DatabaseId = facts.DatabaseId;
        Vectors = vectors;
        Pages = pages;
        PageGate = gate;
        _overlayLsn = vectors.Header.CheckpointLsn;
        _overlayFloor = _overlayLsn;
    }

    public DatabaseOptions Options { get; }

    /// <summary>The name used in messages: the path, or <c>:memory:</c>.</summary>
    public string DisplayName { get; }

    public Guid DatabaseId { get; }

    public bool IsReadOnly => Options.IsReadOnly;

    /// <summary>SQLite reads the file as immutable (a read-only process that can create no file beside it): every session connects so.</summary>
    public bool Immutable => _attachment?.Immutable ?? false;

    public VectorFile Vectors { get; private set; }

    /// <summary>Which pages hold what; replaced (under the exclusive latch) when another process's checkpoint changed the file.</summary>
    public PageDirectory Pages { get; private set; }

    /// <summary>Coordinates page reads and checkpoints with other processes that have the file open.</summary>
    public ProcessPageGate PageGate { get; }

    public PageLatch Latch { get; } = new();

    public SnapshotRegistry Snapshots { get; } = new();

    /// <summary>Held by a checkpoint for its whole run: one at a time.</summary>
    public object CheckpointGate { get; } = new();

    /// <summary>The vector indexes loaded in this process.</summary>
    public IndexRegistry Indexes { get; } = new();

    /// <summary>Every committed record up to this LSN is in the overlay (or in the pages).</summary>
    public long OverlayLsn => Volatile.Read(ref _overlayLsn);

    /// <summary>Set by the first session that swept away index files the catalog no longer has.</summary>
    public int OrphanIndexFilesSwept;

    private int _recoveryClaimed;
    private volatile bool _recoveryPending = true;

    /// <summary>True for the one session that replays the log at open: the first of this process (see <c>Session.Recover</c>).</summary>
    public bool ClaimRecovery() => Interlocked.Exchange(ref _recoveryClaimed, 1) == 0;

    /// <summary>Until the recovery checkpoint at open has run, every checkpoint is one: pages a crash tore are rewritten without being checked first.</summary>
    public bool RecoveryPending => _recoveryPending;

    /// <summary>The recovery checkpoint brought the pages up to the log.</summary>
    public void RecoveryDone() => _recoveryPending = false;

    /// <summary>Sessions using this database; changed by the registry under its lock.</summary>
    internal int References { get; set; }

    /// <summary>Attaches to the database's files (the lock file first), opens its SQLite connection through <paramref name="connect"/> and the vector file beside it, creating it for a new database, and checks they belong together.</summary>
    /// <param name="connect">Opens a SQLite connection; its argument is true when the file must be read as immutable.</param>
    /// <returns>The database and the SQLite connection of the session that opened it.</returns>
    public static (Database Database, MetadataConnection Connection) Open(DatabaseOptions options, string displayName, Func<bool, MetadataConnection> connect)
    {
        if (options.IsMemory)
        {
            var connection = connect(false);
            try
            {
                var facts = SchemaBootstrap.Initialize(connection, writable: !options.IsReadOnly, NormalisePageSize(options.PageSize));
                var memory = VectorFile.Create(null, facts.PageSize, facts.DatabaseId);
                return (new Database(options, displayName, facts, memory, PageDirectory.Scan(memory), new ProcessPageGate(null), null), connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        // Before SQLite reads the file: a writer must be known to the other processes before it can change anything.
        var attachment = ProcessAttachment.Attach(options, displayName);
        MetadataConnection? db = null;
        var vectorStream = attachment.TakeVectorStream();
        try
        {
            db = connect(attachment.Immutable);
            var facts = SchemaBootstrap.Initialize(db, writable: !options.IsReadOnly, NormalisePageSize(options.PageSize));
            var gate = new ProcessPageGate(attachment.LockFile);
            // The header and page headers are read while no other process's checkpoint runs.
            if (!gate.EnterReader(TimeSpan.FromSeconds(options.BusyTimeoutSeconds)))
                throw VecStoreException.Busy(displayName, new TimeoutException("another process's checkpoint kept the vector file busy"));
            try
            {
                var vectors = OpenVectorFile(options, facts, displayName, vectorStream);
                vectorStream = null;
                try
                {
                    var pages = PageDirectory.Scan(vectors);
                    gate.RefreshDone();
                    return (new Database(options, displayName, facts, vectors, pages, gate, attachment), db);
                }
                catch
                {
                    vectors.Dispose();
                    throw;
                }
            }
            finally
            {
                gate.ExitReader();
            }
        }
        catch
        {
            vectorStream?.Dispose();
            db?.Dispose();
            attachment.Detach();
            throw;
        }
    }

    private static VectorFile OpenVectorFile(DatabaseOptions options, SchemaBootstrap.Facts facts, string displayName, FileStream? openedForReading)
    {
        string path = VectorPath(options.DataSource);
        VectorFile? vectors = null;
        if (openedForReading is null && !File.Exists(path))
        {
            if (facts.CheckpointLsn != 0 || options.IsReadOnly)
            {
                throw VecStoreException.CorruptMetadata(displayName, facts.CheckpointLsn == 0
                    ? $"the vector file '{path}' is missing and read-only mode cannot create it"
                    : $"the vector file '{path}' is missing; vectors up to LSN {facts.CheckpointLsn} were only there");
            }
            try
            {
                // No checkpoint ever trimmed the log, so the log still holds every vector: a
                // fresh file replays to the full state.
                vectors = VectorFile.Create(path, facts.PageSize, facts.DatabaseId);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first.
            }
            catch (IOException ex)
            {
                // A full disk: the header page found no room (and the empty file was removed).
                throw VecStoreException.IoError(path, "creating the vector file", ex);
            }
        }
        vectors ??= VectorFile.Open(path, options.IsReadOnly, facts.DatabaseId, openedForReading);

        if (vectors.Header.CheckpointLsn < facts.CheckpointLsn)
        {
            vectors.Dispose();
            throw VecStoreException.CorruptMetadata(displayName,
                $"the vector file reaches LSN {vectors.Header.CheckpointLsn} but the log was trimmed to {facts.CheckpointLsn}: it is older than the database");
        }
        return vectors;
    }

    /// <summary>
    /// When another process's checkpoint changed the vector file since this process last read
    /// it: remaps it, reads its page headers again, and forgets overlay records the pages now
    /// hold. Runs before the first page read after this process took the shared page lock.
    /// </summary>
    public void ReloadIfPending()
    {
        if (!PageGate.RefreshPending)
            return;
        // Mostly nothing changed (always, for a process alone): a look at the header on disk,
        // without the gates, saves every reader that finds the process idle a trip past them.
        if (!Vectors.ChangedOnDisk())
        {
            PageGate.RefreshDone();
            return;
        }
        WithPagesExclusive(() =>
        {
            // Another reader of this process may have reloaded while this one waited.
            if (PageGate.RefreshPending)
            {
                ReloadPagesIfChanged();
                PageGate.RefreshDone();
            }
            return 0;
        });
    }

    /// <summary>Runs <paramref name="body"/> holding the checkpoint gate and the exclusive page latch, each waited for up to the busy timeout (then Busy).</summary>
    public T WithPagesExclusive<T>(Func<T> body)
    {
        var timeout = TimeSpan.FromSeconds(Options.BusyTimeoutSeconds);
        if (!Monitor.TryEnter(CheckpointGate, timeout))
            throw VecStoreException.Busy(DisplayName, new TimeoutException("a checkpoint kept the vector pages busy"));
        try
        {
            if (!Latch.TryEnterExclusive(timeout))
                throw VecStoreException.Busy(DisplayName, new TimeoutException("readers kept the vector pages busy"));
            try
            {
                return body();
            }
            finally
            {
                Latch.ExitExclusive();
            }
        }
        finally
        {
            Monitor.Exit(CheckpointGate);
        }
    }

    /// <summary>Puts a rewritten vector file in place of the current one (VACUUM); the caller holds the exclusive latch and has disposed the old file.</summary>
    public void ReplaceVectors(VectorFile fresh)
    {
        Vectors = fresh;
        Pages = PageDirectory.Scan(fresh);
    }

    /// <summary>As <see cref="ReloadIfPending"/>, for a caller that holds the checkpoint gate and the exclusive latch and keeps other processes out.</summary>
    public void ReloadPagesIfChanged()
    {
        if (!Vectors.ReloadIfChanged())
            return;
        Pages = PageDirectory.Scan(Vectors);
        long lsn = Vectors.Header.CheckpointLsn;
        TrimOverlay(lsn);
        long floor;
        lock (_overlayGate)
            floor = _overlayFloor;
        // Changes the other process checkpointed before this one loaded them are gone from the
        // log: an index that had not seen them compares itself with the pages before it answers.
        foreach (var state in Indexes.All())
            if (state.CoveredLsn < floor)
                state.NeedsReconcile = true;
    }

    /// <summary>Reads the page directory from the pages again (after a checkpoint failed part of the way, the one in memory may name pages it never wrote); the caller holds the checkpoint gate and the exclusive latch.</summary>
    public void RescanPages() => Pages = PageDirectory.Scan(Vectors);

    /// <summary>The vector file that belongs to a <c>.vdb</c> path.</summary>
    public static string VectorPath(string dataSource) => dataSource + "-vectors";

    /// <summary>Loads committed log records up to <paramref name="lsn"/> that the overlay does not hold yet.</summary>
    /// <remarks>The connection must be reading at a snapshot that includes <paramref name="lsn"/> as committed.</remarks>
    public void RefreshOverlay(MetadataConnection db, long lsn)
    {
        if (Volatile.Read(ref _overlayLsn) >= lsn)
            return;
        lock (_overlayGate)
        {
            if (_overlayLsn >= lsn)
                return;
            VectorLog.Read(db, _overlayLsn, lsn, null, (in LogRecord r) =>
            {
                // A dropped column's records stay until a checkpoint: readers at older LSNs may still see the table.
                if (r.IsDrop)
                    return;
                if (!_overlays.TryGetValue(r.ColumnId, out var overlay))
                {
                    int vectorBytes = r.Data.Length;
                    if (r.IsFree)
                    {
                        // Freeing a slot of a column we hold nothing for yet: its vector size comes from its pages.
                        var pageNo = Pages.Find(r.ColumnId, 0);
                        if (pageNo < 0)
                            return;
                        var page = Vectors.Page(pageNo);
                        vectorBytes = VecStore.Indexes.VectorElements.BytesPerVector(
                            PageHeader.Element(page) ?? throw VecStoreException.CorruptPage(Vectors.DisplayName, pageNo, "its element type is unknown"),
                            PageHeader.Dimensions(page));
                    }
                    _overlays[r.ColumnId] = overlay = new ColumnOverlay(vectorBytes);
                }
                overlay.Append(r);
            });
            _overlayLsn = lsn;
        }
    }

    /// <summary>The overlay of a column as of <paramref name="lsn"/>, or null when it holds nothing for the column.</summary>
    public OverlaySnapshot? OverlayAt(long columnId, long lsn)
    {
        lock (_overlayGate)
            return _overlays.TryGetValue(columnId, out var overlay) ? overlay.Snapshot(lsn) : null;
    }

    /// <summary>The newest version of each slot of a column changed in (<paramref name="afterLsn"/>, <paramref name="upToLsn"/>]: a copy, or null when freed.</summary>
    /// <returns>Null when a checkpoint already dropped records after <paramref name="afterLsn"/> from memory.</returns>
    public List<(long Slot, byte[]? Vector)>? ChangesBetween(long columnId, long afterLsn, long upToLsn)
    {
        lock (_overlayGate)
        {
            if (afterLsn < _overlayFloor || upToLsn > _overlayLsn)
                return null;
            return _overlays.TryGetValue(columnId, out var overlay) ? overlay.ChangesBetween(afterLsn, upToLsn) : [];
        }
    }

    /// <summary>The slots of a column with a record in (<paramref name="afterLsn"/>, <paramref name="upToLsn"/>].</summary>
    public HashSet<long> SlotsChangedBetween(long columnId, long afterLsn, long upToLsn)
    {
        lock (_overlayGate)
            return _overlays.TryGetValue(columnId, out var overlay) ? overlay.SlotsBetween(afterLsn, upToLsn) : [];
    }

    /// <summary>Applies committed changes to loaded vector indexes in the background; started with the first index.</summary>
    public IndexMaintainer Maintainer
    {
        get
        {
            lock (_overlayGate)
                return _maintainer ??= new IndexMaintainer(this);
        }
    }

    /// <summary>Stops the background maintainer, brings every loaded index up to date and saves it: the last step before closing.</summary>
    public void CloseIndexes(bool save)
    {
        IndexMaintainer? maintainer;
        lock (_overlayGate)
        {
            maintainer = _maintainer;
            _maintainer = null;
        }
        maintainer?.Dispose();
        if (save && !IsReadOnly)
        {
            foreach (var state in Indexes.All())
            {
                try
                {
                    IndexMaintainer.CatchUp(this, state);
                    IndexMaintainer.CompactIfWorthIt(state);
                    if (state.SavedLsn != state.CoveredLsn || state.ChangesSinceSave > 0)
                        state.Save();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The index file stays stale; the next open catches it up from the log or pages.
                }
            }
        }
        Indexes.Dispose();
    }

    /// <summary>After a checkpoint reached <paramref name="lsn"/>: drop what the pages now hold and no loaded index still needs.</summary>
    public void TrimOverlay(long lsn)
    {
        long keep = Math.Min(lsn, Indexes.MinCovered(lsn));
        lock (_overlayGate)
        {
            if (_overlayLsn < lsn)
            {
                // Records up to lsn were never loaded: the overlay cannot tell an index what changed before it.
                _overlayLsn = lsn;
                keep = lsn;
            }
            if (keep <= _overlayFloor)
                return;
            _overlayFloor = keep;
            List<long>? empty = null;
            foreach (var (column, overlay) in _overlays)
            {
                overlay.RemoveUpTo(keep);
                if (overlay.Count == 0)
                    (empty ??= []).Add(column);
            }
            if (empty is not null)
                foreach (var column in empty)
                    _overlays.Remove(column);
        }
    }

    /// <summary>Counts bytes a commit added to the log, toward the automatic checkpoint.</summary>
    public void NoteCommitted(long logBytes) => Interlocked.Add(ref _pendingLogBytes, logBytes);

    /// <summary>Counts bytes a checkpoint moved into pages.</summary>
    public void NoteCheckpointed(long logBytes)
    {
        long now = Interlocked.Add(ref _pendingLogBytes, -logBytes);
        if (now < 0)
            Interlocked.CompareExchange(ref _pendingLogBytes, 0, now);
    }

    /// <summary>True when enough has been logged since the last checkpoint to run one.</summary>
    public bool WantsCheckpoint => !IsReadOnly && Volatile.Read(ref _pendingLogBytes) >= Options.CheckpointThresholdBytes;

    /// <summary>Closes the vector file, then <paramref name="lastConnection"/> (the last SQLite connection of this process to the file), then leaves the other processes (<see cref="ProcessAttachment.Detach"/>), removing the files no process needs any more.</summary>
    public void Close(MetadataConnection lastConnection)
    {
        try
        {
            Vectors.Dispose();
        }
        finally
        {
            lastConnection.Dispose();
            _attachment?.Detach();
        }
    }

    /// <summary>True when no other process has this database open (always true where processes cannot share it).</summary>
    public bool AloneAmongProcesses()
    {
        var lockFile = PageGate.LockFile;
        if (lockFile is null)
            return true;
        if (!lockFile.TryExclusive(LockFile.OpenByte))
            return false;
        lockFile.TryShared(LockFile.OpenByte);
        return true;
    }

    private static int NormalisePageSize(int pageSize)
    {
        if (pageSize < 64 * 1024 || pageSize > 16 * 1024 * 1024 || (pageSize & (pageSize - 1)) != 0)
            throw new VecStoreException(ErrorCode.InvalidConnectionString,
                $"page size {pageSize} is not a power of two between 65536 and 16777216");
        return pageSize;
    }
}
