namespace VecStore.Repl.Bench;

/// <summary>Mean and percentile of per-query latencies, in milliseconds.</summary>
internal static class LatencySummary
{
    /// <summary>The mean of <paramref name="seconds"/>, in milliseconds.</summary>
    public static double MeanMs(IReadOnlyList<double> seconds) => seconds.Count == 0 ? 0 : seconds.Average() * 1e3;

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds, interpolated linearly between ranks as numpy.percentile does by default.</summary>
    public static double PercentileMs(IReadOnlyList<double> seconds, double percent)
    {
        if (seconds.Count == 0)
            return 0;
        var sorted = seconds.Order().ToArray();
        double rank = (sorted.Length - 1) * percent / 100;
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return (sorted[below] + (sorted[above] - sorted[below]) * (rank - below)) * 1e3;
    }
}
