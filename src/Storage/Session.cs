using Microsoft.Data.Sqlite;
using VecStore.Storage.Backup;
using VecStore.Storage.Checkpoints;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

/// <summary>One connection's way into a database: transactions, schema changes, row and vector reads and writes.</summary>
/// <remarks>
/// Every operation runs inside a statement (<see cref="BeginStatement"/>): outside an explicit
/// transaction a statement is its own SQLite transaction; inside one it is a savepoint, so a
/// failed statement leaves the transaction as it was before it. Not thread-safe, like an
/// ADO.NET connection; sessions on the same file share one <see cref="Database"/>.
/// </remarks>
public sealed partial class Session : IDisposable
{
    private MetadataConnection _db;
    private Database _database;
    private Catalog.Catalog _catalog;
    private bool _explicitTransaction;
    private bool _transactionStarted;
    private bool _transactionWrites;
    private long _transactionLogBytes;
    private int _snapshotToken;
    private long _snapshotLsn;
    private StatementScope? _scope;
    private StatementMonitor _monitor = StatementMonitor.None;
    private bool _catalogFresh;
    private bool _disposed;

    private readonly Functions.VectorFunctionContext _functions;
    private readonly bool _readOnly;
    private readonly int _searchThreads;

    private Session(MetadataConnection db, Database database, bool readOnly, int searchThreads)
    {
        _searchThreads = Math.Max(1, searchThreads);
        _db = db;
        _database = database;
        _readOnly = readOnly || database.IsReadOnly;
        _catalog = new Catalog.Catalog(-1, []);
        _functions = new Functions.VectorFunctionContext(this);
        Functions.VectorFunctions.Register(db.NativeHandle, _functions);
    }

    /// <summary>Opens a session, creating the database when the options allow it.</summary>
    public static Session Open(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.DataSource))
            throw new VecStoreException(ErrorCode.InvalidConnectionString, "the connection string has no Data Source");
        string displayName = options.IsMemory ? ":memory:" : options.DataSource;
        if (!options.IsMemory)
        {
            // A RESTORE that committed (its marker is on disk) but was cut short is finished first.
            if (!options.IsReadOnly)
            {
                try
                {
                    RestoreJournal.Complete(options.DataSource);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw VecStoreException.CannotOpen(displayName, "an interrupted RESTORE could not be finished: " + ex.Message, ex);
                }
            }
            if (options.Mode != OpenMode.ReadWriteCreate && !File.Exists(options.DataSource))
                throw VecStoreException.CannotOpen(displayName, "the file does not exist");
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.DataSource));
            if (directory is not null && !Directory.Exists(directory))
                throw VecStoreException.CannotOpen(displayName, $"the folder '{directory}' does not exist");
        }

        Database database;
        MetadataConnection db;
        try
        {
            (database, db) = DatabaseRegistry.Acquire(options, displayName, immutable => Connect(options, displayName, immutable));
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, displayName, "opening the database");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock file, the vector file or SQLite's files beside the database could not be reached.
            throw VecStoreException.CannotOpen(displayName, ex.Message, ex);
        }
        var session = new Session(db, database, options.IsReadOnly, options.SearchThreads);
        try
        {
            session.Recover();
        }
        catch (SqliteException ex)
        {
            session.Dispose();
            throw SqliteErrors.Translate(ex, displayName, "replaying the vector log");
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }

    // Immutable: a read-only process that can create no file beside the database reads it with
    // SQLite's immutable=1 (ProcessAttachment), which only a URI can say; the path is escaped whole.
    private static MetadataConnection Connect(DatabaseOptions options, string displayName, bool immutable)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? SqliteUri.Immutable(Path.GetFullPath(options.DataSource)) : options.DataSource,
            Mode = options.Mode switch
            {
                OpenMode.ReadOnly => SqliteOpenMode.ReadOnly,
                OpenMode.ReadWrite => SqliteOpenMode.ReadWrite,
                OpenMode.Memory => SqliteOpenMode.Memory,
                _ => SqliteOpenMode.ReadWriteCreate,
            },
            Cache = options.Mode == OpenMode.Memory && options.DataSource != ":memory:" ? SqliteCacheMode.Shared : SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = options.BusyTimeoutSeconds,
        };
        return new MetadataConnection(builder.ToString(), displayName, options.BusyTimeoutSeconds);
    }

    /// <summary>The database's name for messages: its path, or <c>:memory:</c>.</summary>
    public string DisplayName => _database.DisplayName;

    /// <summary>Threads this session's exact scans may use.</summary>
    public int SearchThreads => _searchThreads;

    /// <summary>True when this session was opened read-only (or shares a database opened read-only).</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>The tables as the current statement sees them (refreshed when a statement begins).</summary>
    public Catalog.Catalog Catalog => _catalog;

    /// <summary>True between <see cref="BeginTransaction"/> and <see cref="Commit"/> or <see cref="Rollback"/>.</summary>
    public bool InTransaction => _explicitTransaction;

    /// <summary>True while a statement (or an open data reader) is running on this session.</summary>
    public bool IsBusy => _scope is not null;

    /// <summary>The values this connection's SET statements gave (search breadth, strategy), undone with the transaction that set them.</summary>
    public Settings.SessionSettings Settings { get; } = new();

    /// <summary>Watches the command running on this session: long work checks it to stop and reports through it; <see cref="StatementMonitor.None"/> between commands.</summary>
    internal StatementMonitor Monitor
    {
        get => _monitor;
        set => _monitor = value ?? StatementMonitor.None;
    }

    /// <summary>Starts an explicit transaction; SQLite's lock is taken by its first statement (a write lock if that one writes).</summary>
    public void BeginTransaction()
    {
        ThrowIfDisposed();
        if (_explicitTransaction)
            throw new VecStoreException(ErrorCode.TransactionAlreadyActive, "a transaction is already open; COMMIT or ROLLBACK it first");
        ThrowIfBusy();
        _explicitTransaction = true;
        Settings.BeginTransaction();
        _transactionStarted = false;
        _transactionWrites = false;
        _transactionLogBytes = 0;
    }

    /// <summary>Makes the open transaction's changes durable and visible to others.</summary>
    public void Commit()
    {
        ThrowIfDisposed();
        if (!_explicitTransaction)
            throw new VecStoreException(ErrorCode.NoActiveTransaction, "there is no open transaction to commit");
        ThrowIfBusy();
        if (_transactionStarted)
        {
            try
            {
                Slots.Flush(_db);
                _db.Execute("COMMIT");
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Translate(ex, DisplayName, "committing");
            }
        }
        bool wrote = _transactionWrites;
        long logBytes = _transactionLogBytes;
        CommitIndexActions();
        EndTransaction();
        Settings.Commit();
        if (wrote)
            AfterCommit(logBytes);
    }

    /// <summary>Discards the open transaction's changes.</summary>
    public void Rollback()
    {
        ThrowIfDisposed();
        if (!_explicitTransaction)
            throw new VecStoreException(ErrorCode.NoActiveTransaction, "there is no open transaction to roll back");
        ThrowIfBusy();
        if (_transactionStarted)
            RollbackQuietly("ROLLBACK");
        DiscardIndexActions(transaction: true);
        EndTransaction();
        Settings.Rollback();
        ForgetCatalog();
    }

    /// <summary>Starts a statement; every read and write below happens inside one.</summary>
    /// <param name="writes">True when the statement may change the database (it then takes SQLite's write lock at once).</param>
    public StatementScope BeginStatement(bool writes)
    {
        ThrowIfDisposed();
        ThrowIfBusy();
        if (writes && IsReadOnly)
            throw VecStoreException.ReadOnlyDatabase(DisplayName);
        Functions.FunctionErrors.Take();
        try
        {
            bool ownTransaction = !_explicitTransaction;
            if (ownTransaction || !_transactionStarted)
            {
                // Waiting for another writer's lock ends early when the statement is stopped.
                if (writes)
                    _db.BeginImmediate(_monitor);
                else
                    _db.Execute("BEGIN");
                _transactionStarted = _explicitTransaction;
                try
                {
                    TakeSnapshot();
                }
                catch
                {
                    RollbackQuietly("ROLLBACK");
                    _transactionStarted = false;
                    throw;
                }
            }
            if (!ownTransaction)
                _db.Execute("SAVEPOINT vs_statement");
            if (writes)
                _transactionWrites = true;
            try
            {
                // Inside a transaction the catalog can only change by this session's own statements.
                if (ownTransaction || !_catalogFresh)
                    RefreshCatalog();
            }
            catch
            {
                if (ownTransaction)
                {
                    RollbackQuietly("ROLLBACK");
                    ReleaseSnapshot();
                }
                else
                {
                    RollbackQuietly("ROLLBACK TO vs_statement");
                    RollbackQuietly("RELEASE vs_statement");
                }
                throw;
            }
            _scope = new StatementScope(this, ownTransaction, writes);
            // An interrupted SQLite write rolls back the whole transaction: inside an explicit one,
            // a writing statement is stopped only between its SQLite steps.
            _db.Interrupts = ownTransaction || !writes ? _monitor : null;
            return _scope;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "starting a statement");
        }
    }

    /// <summary>Moves logged vectors into the vector file now (the <c>CHECKPOINT</c> statement); returns the LSN reached.</summary>
    public long Checkpoint()
    {
        ThrowIfDisposed();
        ThrowIfBusy();
        if (_explicitTransaction)
            throw new VecStoreException(ErrorCode.TransactionAlreadyActive, "CHECKPOINT cannot run inside a transaction");
        if (IsReadOnly)
            throw VecStoreException.ReadOnlyDatabase(DisplayName);
        try
        {
            return Checkpointer.Run(_database, _db, wait: true, recovery: false);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "checkpointing");
        }
    }

    /// <summary>Closes the session; the last session of a database checkpoints it and releases its files.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _scope?.Abandon();
        if (_explicitTransaction)
        {
            if (_transactionStarted)
                RollbackQuietly("ROLLBACK");
            DiscardIndexActions(transaction: true);
            EndTransaction();
        }
        DatabaseRegistry.Release(_database, _db, () =>
        {
            try
            {
                if (!_readOnly && _database.Indexes.Count > 0)
                    FeedIndexes();
                if (!_readOnly && !_database.Options.IsMemory)
                    Checkpointer.Run(_database, _db, wait: false, recovery: false);
            }
            catch (Exception ex) when (ex is VecStoreException or SqliteException or IOException)
            {
                // The log keeps every vector; the next open replays what this checkpoint did not reach.
            }
            finally
            {
                _database.CloseIndexes(save: !_readOnly && !_database.Options.IsMemory);
            }
        });
        // SQLite can no longer call the functions once the connection is closed.
        _functions.Dispose();
    }

    /// <summary>Called by a scope when its statement ends.</summary>
    internal void EndStatement(StatementScope scope, bool success, bool ownTransaction, long logBytes)
    {
        if (_scope != scope)
            return;
        _scope = null;
        _db.Interrupts = null;
        if (ownTransaction)
        {
            if (success)
            {
                try
                {
                    Slots.Flush(_db);
                    _db.Execute("COMMIT");
                }
                catch (SqliteException ex)
                {
                    RollbackQuietly("ROLLBACK");
                    ReleaseSnapshot();
                    Slots.Reset();
                    DiscardIndexActions(transaction: false);
                    throw SqliteErrors.Translate(ex, DisplayName, "committing");
                }
                ReleaseSnapshot();
                Slots.Reset();
                CompleteIndexActions(committed: true);
                if (scope.Writes)
                    AfterCommit(logBytes);
            }
            else
            {
                RollbackQuietly("ROLLBACK");
                ReleaseSnapshot();
                Slots.Reset();
                DiscardIndexActions(transaction: false);
            }
        }
        else if (success)
        {
            _db.Execute("RELEASE vs_statement");
            Slots.CompleteStatement();
            _transactionLogBytes += logBytes;
            CompleteIndexActions(committed: false);
        }
        else
        {
            RollbackQuietly("ROLLBACK TO vs_statement");
            RollbackQuietly("RELEASE vs_statement");
            Slots.RollbackStatement();
            DiscardIndexActions(transaction: false);
            ForgetCatalog();
        }
    }

    internal MetadataConnection Connection => _db;

    /// <summary>The statement in progress, or null: what VecStore's SQL functions read vectors through.</summary>
    internal StatementScope? CurrentScope => _scope;

    /// <summary>The slot counters of the current transaction.</summary>
    internal Pages.SlotAllocator Slots { get; } = new();

    internal Database SharedDatabase => _database;

    /// <summary>The LSN this statement reads committed vectors at.</summary>
    internal long SnapshotLsn => _snapshotLsn;

    /// <summary>True when this transaction may have logged vectors of its own.</summary>
    internal bool TransactionWrites => _transactionWrites;

    private void Recover()
    {
        // Whoever first opens a writable database in this process applies what the last run
        // logged but did not checkpoint. Later sessions share those pages and run no checkpoint
        // of their own: one would wait for the write lock whenever another connection here held a
        // write transaction. A checkpoint another process left half-done is finished by the next
        // checkpoint of any writer (its marker says so; Checkpointer.ApplyExclusive).
        if (_readOnly || _database.Options.IsMemory)
            return;
        if (_database.ClaimRecovery())
            ReplayLog();
        LoadAllIndexes();
    }

    private void ReplayLog()
    {
        long last;
        _db.Execute("BEGIN");
        try
        {
            last = VectorLog.LastLsn(_db);
        }
        finally
        {
            _db.Execute("COMMIT");
        }
        if (last > _database.Vectors.Header.CheckpointLsn)
        {
            try
            {
                Checkpointer.Run(_database, _db, wait: true, recovery: true);
            }
            catch (VecStoreException ex) when (ex.Code == ErrorCode.IoError)
            {
                // A full disk: the database opens all the same. Its log holds every vector and
                // readers consult it before the pages; the next checkpoint recovers.
                return;
            }
        }
        _database.RecoveryDone();
    }

    private void TakeSnapshot()
    {
        // First keep other processes' checkpoints off the pages (and catch up with one that ran
        // meanwhile); then count this reader in the process; then read the LSN it reads at. In
        // this order the pages are never newer than the snapshot.
        var gate = _database.PageGate;
        if (!gate.EnterReader(TimeSpan.FromSeconds(_database.Options.BusyTimeoutSeconds)))
            throw VecStoreException.Busy(DisplayName, new TimeoutException("another process's checkpoint kept the vector pages busy"));
        try
        {
            _database.ReloadIfPending();
            _snapshotToken = _database.Snapshots.Enter();
            _snapshotLsn = VectorLog.LastLsn(_db);
            _database.Snapshots.Set(_snapshotToken, _snapshotLsn);
        }
        catch
        {
            if (_snapshotToken != 0)
                _database.Snapshots.Exit(_snapshotToken);
            _snapshotToken = 0;
            gate.ExitReader();
            throw;
        }
    }

    private void ReleaseSnapshot()
    {
        if (_snapshotToken != 0)
        {
            _database.Snapshots.Exit(_snapshotToken);
            _snapshotToken = 0;
            _database.PageGate.ExitReader();
        }
    }

    private void RefreshCatalog()
    {
        long version = CatalogStore.Version(_db);
        if (version != _catalog.Version)
            _catalog = CatalogStore.Load(_db, version);
        _catalogFresh = true;
    }

    private void AfterCommit(long logBytes)
    {
        // Deletes log no vector bytes but still change what an index must return.
        if (!_readOnly && _database.Indexes.Count > 0)
            FeedIndexes();
        if (logBytes <= 0)
            return;
        _database.NoteCommitted(logBytes);
        if (_readOnly || !_database.WantsCheckpoint)
            return;
        try
        {
            Checkpointer.Run(_database, _db, wait: false, recovery: false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or VecStoreException { Code: ErrorCode.IoError })
        {
            // The commit is durable in the log (a full disk, say, stopped only the checkpoint); a later checkpoint will try again.
        }
    }

    // After a rollback the cached catalog may hold this session's undone DDL, under a version
    // number another session can reach with different DDL: read it again.
    private void ForgetCatalog()
    {
        _catalog = new Catalog.Catalog(-1, []);
        _catalogFresh = false;
    }

    private void EndTransaction()
    {
        _explicitTransaction = false;
        _transactionStarted = false;
        _transactionWrites = false;
        _transactionLogBytes = 0;
        _catalogFresh = false;
        Slots.Reset();
        ReleaseSnapshot();
    }

    private void RollbackQuietly(string sql)
    {
        try
        {
            _db.Execute(sql);
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (after I/O errors or a full disk): nothing is left to undo.
        }
    }

    private void ThrowIfBusy()
    {
        if (_scope is not null)
            throw new VecStoreException(ErrorCode.CommandState,
                "another statement is still running on this connection (close its data reader first)");
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw VecStoreException.DatabaseClosed();
    }
}
