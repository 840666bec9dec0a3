using Spectre.Console;

namespace VecStore.Repl.Output;

/// <summary>Shows a progress bar while rows are loaded, when output goes to a terminal; shows nothing otherwise.</summary>
/// <remarks>
/// The work runs on the calling thread and reports rows done through the <see cref="IProgress{T}"/>
/// it is handed (synchronously, as <see cref="VecStoreBulkInsert"/> does); Spectre.Console redraws
/// the bar from its own thread. Redirected output gets no bar, so files and tests hold only results.
/// </remarks>
internal static class LoadProgress
{
    /// <summary>Runs <paramref name="work"/>, showing <paramref name="description"/> and the rows done out of <paramref name="total"/> (unknown when null).</summary>
    public static T Run<T>(StandardStreams streams, string description, long? total, Func<IProgress<long>?, T> work)
    {
        if (!streams.OutputIsTerminal)
            return work(null);

        T result = default!;
        streams.Terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is not > 0;
                result = work(new TaskProgress(task, description, total is > 0));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Moves the bar; with no known total, shows the count in the description instead.</summary>
    private sealed class TaskProgress(ProgressTask task, string description, bool bounded) : IProgress<long>
    {
        public void Report(long value)
        {
            if (bounded)
                task.Value = Math.Min(value, task.MaxValue);
            else
                task.Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{description} ({value:N0} rows)");
        }
    }
}
