namespace VecStore.Indexes;

/// <summary>The places where a build both reports how far it got and stops when it is cancelled: one mechanism for both.</summary>
/// <remarks>
/// Builds call <see cref="Report"/> every few thousand vectors, once per k-means iteration or per
/// block, never per distance computed, so cancelling costs a hot loop nothing. <see cref="Report"/>
/// may be called from several threads; the stage is set by <see cref="Begin"/> on the calling thread
/// before the workers start.
/// </remarks>
internal sealed class BuildMonitor(IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
{
    private BuildStage _stage;
    private long _total;

    /// <summary>The token the build stops on; handed to parallel loops and to exact scans.</summary>
    public CancellationToken Token => cancellationToken;

    /// <summary>Starts a stage of <paramref name="total"/> units: stops if cancelled, else reports none done.</summary>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    public void Begin(BuildStage stage, long total)
    {
        _stage = stage;
        _total = total;
        Report(0);
    }

    /// <summary>Stops if cancelled, else reports <paramref name="done"/> units of the current stage, and stops if the report cancelled the build.</summary>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    public void Report(long done)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (progress is null)
        {
            return;
        }

        progress.Report(new BuildProgress(_stage, Math.Min(done, _total), _total));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
