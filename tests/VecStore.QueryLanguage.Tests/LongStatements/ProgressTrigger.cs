namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>Records a statement's progress reports and acts once, at the first report of a chosen stage: the deterministic point at which a test cancels.</summary>
/// <remarks>
/// The action runs on the thread that reports (an index build's worker, perhaps), before the
/// statement goes on; the statement notices a cancel at its next check. With <see cref="OnAnotherThread"/>
/// the action runs on a thread of its own while the report waits for it, as an application's
/// Cancel button would.
/// </remarks>
internal sealed class ProgressTrigger(string stagePrefix, Action act, long atDone = 0) : IProgress<VecStoreProgress>
{
    private readonly object _gate = new();
    private readonly List<VecStoreProgress> _reports = [];
    private int _fired;

    /// <summary>Every report so far, in order.</summary>
    public IReadOnlyList<VecStoreProgress> Reports
    {
        get
        {
            lock (_gate)
                return [.. _reports];
        }
    }

    /// <summary>True once the action ran.</summary>
    public bool Fired => Volatile.Read(ref _fired) != 0;

    /// <summary>A trigger whose action runs on a new thread, the report waiting until it is done.</summary>
    public static ProgressTrigger OnAnotherThread(string stagePrefix, Action act, long atDone = 0) => new(stagePrefix, () =>
    {
        var thread = new Thread(() => act()) { IsBackground = true };
        thread.Start();
        thread.Join();
    }, atDone);

    public void Report(VecStoreProgress value)
    {
        lock (_gate)
            _reports.Add(value);
        if (value.Stage.StartsWith(stagePrefix, StringComparison.Ordinal) && value.Done >= atDone && Interlocked.Exchange(ref _fired, 1) == 0)
            act();
    }
}
