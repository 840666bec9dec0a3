using VecStore.Indexes;

namespace VecStore.Storage;

/// <summary>Watches one command while it runs: stops its long work when it is cancelled or out of time, and passes on how far that work got.</summary>
/// <remarks>
/// <para>
/// One mechanism for both. Long work (index builds, exact scans, VACUUM, BACKUP, RESTORE, CHECK,
/// ANALYZE, big inserts, updates and deletes) calls <see cref="Begin"/> and <see cref="Report"/>, or
/// <see cref="ThrowIfStopped"/>, every few thousand vectors, rows or pages: each call both stops a
/// stopped statement and reports. Work in <c>Indexes</c> stops on <see cref="Token"/>, and SQLite's
/// own steps through its progress handler (<see cref="Metadata.MetadataConnection.Interrupts"/>).
/// A stop surfaces as <see cref="VecStoreException.Cancelled"/> or <see cref="VecStoreException.TimedOut"/>;
/// the statement then fails like any other and changes nothing.
/// </para>
/// <para>
/// The time limit runs for each call into the command (<see cref="Enter"/> to <see cref="Exit"/>):
/// the execution up to its first result, each further result set, each read of a streamed row.
/// Thread-safe: <see cref="Cancel"/> may come from any thread and reports from a build's workers,
/// which reach the application's <see cref="IProgress{T}"/> one at a time.
/// </para>
/// </remarks>
internal sealed class StatementMonitor
{
    /// <summary>The monitor of work no command watches: never stops, reports nowhere.</summary>
    public static StatementMonitor None { get; } = new(null, 0);

    private readonly IProgress<VecStoreProgress>? _progress;
    private readonly int _timeoutSeconds;
    private readonly object _reportGate = new();
    private CancellationTokenSource? _source;
    private long _deadline = long.MaxValue;
    private bool _tokenArmed;
    private int _cancelled;
    private string _stage = "";
    private long _total;

    /// <summary>A monitor reporting to <paramref name="progress"/> whose calls may each run <paramref name="timeoutSeconds"/> (0: no limit).</summary>
    public StatementMonitor(IProgress<VecStoreProgress>? progress, int timeoutSeconds)
    {
        _progress = progress;
        _timeoutSeconds = Math.Max(0, timeoutSeconds);
    }

    /// <summary>The token long work in <c>Indexes</c> stops on; cancelled by <see cref="Cancel"/> and when a call's time runs out.</summary>
    public CancellationToken Token => Source.Token;

    /// <summary>True once the statement must stop: cancelled, or past its time.</summary>
    /// <remarks>Cheap enough for SQLite's progress handler: a field read, and a clock read only when a limit is set.</remarks>
    public bool IsStopped =>
        (Volatile.Read(ref _source)?.IsCancellationRequested ?? false)
        || (Volatile.Read(ref _deadline) != long.MaxValue && Environment.TickCount64 >= Volatile.Read(ref _deadline));

    /// <summary>Stops the statement at its next check; does nothing for <see cref="None"/>.</summary>
    public void Cancel()
    {
        if (ReferenceEquals(this, None))
            return;
        Volatile.Write(ref _cancelled, 1);
        Source.Cancel();
    }

    /// <summary>Makes a cancelled <paramref name="token"/> cancel the statement, until the registration is disposed.</summary>
    public CancellationTokenRegistration Link(CancellationToken token) =>
        token.CanBeCanceled && !ReferenceEquals(this, None) ? token.UnsafeRegister(static state => ((StatementMonitor)state!).Cancel(), this) : default;

    /// <summary>A call into the command begins: its time limit starts; <paramref name="armToken"/> also makes <see cref="Token"/> fire when it runs out (for work in <c>Indexes</c>).</summary>
    public void Enter(bool armToken)
    {
        if (_timeoutSeconds == 0)
            return;
        Volatile.Write(ref _deadline, Environment.TickCount64 + _timeoutSeconds * 1000L);
        if (armToken)
        {
            _tokenArmed = true;
            Source.CancelAfter(TimeSpan.FromSeconds(_timeoutSeconds));
        }
    }

    /// <summary>The call ended: the time between calls (the application handling a row) does not count.</summary>
    public void Exit()
    {
        if (_timeoutSeconds == 0)
            return;
        Volatile.Write(ref _deadline, long.MaxValue);
        var source = Volatile.Read(ref _source);
        if (_tokenArmed && source is not null && !source.IsCancellationRequested)
            source.CancelAfter(Timeout.Infinite);
        _tokenArmed = false;
    }

    /// <summary>Throws the statement's stop error when it must stop.</summary>
    /// <exception cref="VecStoreException">VECSQL0230 when cancelled, VECSQL0231 when out of time.</exception>
    public void ThrowIfStopped()
    {
        if (IsStopped)
            throw Stop();
    }

    /// <summary>The error a stopped statement fails with; from here on the statement stays stopped.</summary>
    public VecStoreException Stop()
    {
        var error = Volatile.Read(ref _cancelled) != 0 || _timeoutSeconds == 0 ? VecStoreException.Cancelled() : VecStoreException.TimedOut(_timeoutSeconds);
        if (!ReferenceEquals(this, None))
            Source.Cancel();
        return error;
    }

    /// <summary>Starts a stage of <paramref name="total"/> units (0: unknown): stops a stopped statement, else reports none done.</summary>
    /// <remarks>The statement is checked again after the report, which may have cancelled it or taken its time.</remarks>
    public void Begin(string stage, long total)
    {
        ThrowIfStopped();
        lock (_reportGate)
        {
            _stage = stage;
            _total = total;
        }
        if (_progress is null)
            return;
        Publish(stage, 0, total);
        ThrowIfStopped();
    }

    /// <summary>Stops a stopped statement, else reports <paramref name="done"/> units of the current stage (and checks again after the report).</summary>
    public void Report(long done)
    {
        ThrowIfStopped();
        if (_progress is null)
            return;
        Publish(_stage, done, _total);
        ThrowIfStopped();
    }

    /// <summary>As <see cref="Report(long)"/>, for a stage whose total became known (or changed) while it ran.</summary>
    public void Report(long done, long total)
    {
        lock (_reportGate)
            _total = total;
        Report(done);
    }

    /// <summary>Where an index build reports its stages, or null when nobody listens.</summary>
    public IProgress<BuildProgress>? IndexBuild => _progress is null ? null : new IndexBuildStages(this);

    private CancellationTokenSource Source
    {
        get
        {
            var source = Volatile.Read(ref _source);
            if (source is not null)
                return source;
            var fresh = new CancellationTokenSource();
            return Interlocked.CompareExchange(ref _source, fresh, null) ?? fresh;
        }
    }

    private void Publish(string stage, long done, long total)
    {
        if (_progress is null)
            return;
        lock (_reportGate)
            _progress.Report(new VecStoreProgress(stage, Math.Min(done, total > 0 ? total : done), total));
    }

    /// <summary>An index build's stages, in words; a report after which the statement must stop stops the build as a cancellation.</summary>
    private sealed class IndexBuildStages(StatementMonitor monitor) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            monitor.Publish(StageText(value.Stage), value.Done, value.Total);
            // Past the time limit the token may not have fired yet; the build stops here all the same.
            if (monitor.IsStopped)
            {
                monitor.Stop();
                throw new OperationCanceledException(monitor.Token);
            }
        }

        private static string StageText(BuildStage stage) => stage switch
        {
            BuildStage.Sampling => "drawing a training sample",
            BuildStage.Clustering => "training the centroids (k-means iterations)",
            BuildStage.TrainingCodebooks => "training the product quantizer (k-means iterations)",
            BuildStage.Adding => "assigning vectors to lists",
            _ => "linking vectors into the graph",
        };
    }
}
