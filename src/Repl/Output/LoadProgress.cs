namespace VecStore.Repl.Output;

/// <summary>Shows a progress bar while rows are loaded, when output goes to a terminal; shows nothing otherwise.</summary>
/// <remarks>
/// The work runs on the calling thread and reports rows done through the <see cref="IProgress{T}"/>
/// it is handed (synchronously, as <see cref="VecStoreBulkInsert"/> does); the bar is one stage of
/// <see cref="StageProgress"/>, with its time spent and estimate of the time left.
/// </remarks>
internal static class LoadProgress
{
    /// <summary>Runs <paramref name="work"/>, showing <paramref name="description"/> and the rows done out of <paramref name="total"/> (unknown when null).</summary>
    public static T Run<T>(StandardStreams streams, string description, long? total, Func<IProgress<long>?, T> work) =>
        StageProgress.Run(streams, stages =>
        {
            if (stages is null)
                return work(null);
            stages.Report(new VecStoreProgress(description, 0, total ?? 0));
            return work(new Rows(stages, description, total ?? 0));
        });

    /// <summary>Rows done, as the one stage of the load.</summary>
    private sealed class Rows(IProgress<VecStoreProgress> stages, string description, long total) : IProgress<long>
    {
        public void Report(long value) => stages.Report(new VecStoreProgress(description, value, total));
    }
}
