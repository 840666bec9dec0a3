using Spectre.Console;

namespace VecStore.Repl.Output;

/// <summary>Shows the stages of a long statement as progress bars with the time spent and an estimate of the time left, when output goes to a terminal; shows nothing otherwise.</summary>
/// <remarks>
/// The work runs on the calling thread and reports through the <see cref="IProgress{T}"/> it is
/// handed, each new stage as a new bar under the finished ones; Spectre.Console redraws them from
/// its own thread and clears them when the work ends. Redirected output gets no bars, so files and
/// tests hold only results.
/// </remarks>
internal static class StageProgress
{
    /// <summary>Runs <paramref name="work"/>, showing what it reports.</summary>
    public static T Run<T>(StandardStreams streams, Func<IProgress<VecStoreProgress>?, T> work)
    {
        if (!streams.OutputIsTerminal)
            return work(null);

        T result = default!;
        streams.Terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var stages = new Stages(context);
                result = work(stages);
                stages.Finish();
            });
        return result;
    }

    /// <summary>One bar per stage; the bar of a stage that ended is filled and stopped.</summary>
    private sealed class Stages(ProgressContext context) : IProgress<VecStoreProgress>
    {
        private readonly Lock _gate = new();
        private ProgressTask? _task;
        private string? _stage;

        public void Report(VecStoreProgress value)
        {
            lock (_gate)
            {
                if (_task is null || value.Stage != _stage)
                {
                    Finish();
                    _stage = value.Stage;
                    _task = context.AddTask(Markup.Escape(Capitalised(value.Stage)), maxValue: Math.Max(1, value.Total));
                }
                // A stage whose total is unknown (0) shows a moving bar and the count instead of a share.
                _task.IsIndeterminate = value.Total <= 0;
                if (value.Total > 0)
                {
                    _task.MaxValue = value.Total;
                    _task.Value = Math.Min(value.Done, _task.MaxValue);
                }
                else if (value.Done > 0)
                {
                    _task.Description = Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Capitalised(value.Stage)} ({value.Done:N0})"));
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_task is null)
                    return;
                _task.IsIndeterminate = false;
                _task.Value = _task.MaxValue;
                _task.StopTask();
            }
        }

        private static string Capitalised(string stage) => stage.Length == 0 ? stage : char.ToUpperInvariant(stage[0]) + stage[1..];
    }
}
