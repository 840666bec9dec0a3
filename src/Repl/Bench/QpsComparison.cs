namespace VecStore.Repl.Bench;

/// <summary>VecStore's QPS over a reference's at equal recall: per mode, thread count and index family, the best point at or above each recall threshold, as summarize.py reads a curve.</summary>
/// <remarks>Nothing is interpolated: a threshold that either side never reaches has no ratio.</remarks>
internal static class QpsComparison
{
    /// <summary>The recall@10 thresholds compared.</summary>
    public static readonly double[] Thresholds = [0.90, 0.95, 0.99];

    /// <summary>One reference series against VecStore's points of the same mode, threads and family.</summary>
    /// <param name="Mode"><c>single</c> or <c>batch</c>.</param>
    /// <param name="Threads">Search threads on both sides.</param>
    /// <param name="Family">The index family.</param>
    /// <param name="Reference">The reference series' label.</param>
    /// <param name="Ours">VecStore's best QPS at each threshold, null where no point reaches it.</param>
    /// <param name="Theirs">The reference's best QPS at each threshold, null where no point reaches it.</param>
    public sealed record Row(string Mode, int Threads, string Family, string Reference, double?[] Ours, double?[] Theirs)
    {
        /// <summary>Ours over theirs at threshold <paramref name="i"/>, or null.</summary>
        public double? Ratio(int i) => Ours[i] is { } ours && Theirs[i] is { } theirs && theirs > 0 ? ours / theirs : null;
    }

    /// <summary>The highest QPS among <paramref name="points"/> with recall at or above <paramref name="recall"/>, or null.</summary>
    public static double? BestAt(IEnumerable<ResultPoint> points, double recall)
    {
        double? best = null;
        foreach (var point in points)
            if (point.Recall >= recall && (best is null || point.Qps > best))
                best = point.Qps;
        return best;
    }

    /// <summary>Pairs each group of <paramref name="ours"/> with every reference series of the same mode, threads and family.</summary>
    public static List<Row> Compare(IReadOnlyList<ResultPoint> ours, IReadOnlyList<ResultPoint> references)
    {
        var rows = new List<Row>();
        foreach (var group in ours.GroupBy(p => (p.Mode, p.Threads, p.Family)))
        {
            var oursAt = Thresholds.Select(t => BestAt(group, t)).ToArray();
            var series = references
                .Where(r => r.Mode == group.Key.Mode && r.Threads == group.Key.Threads && r.Family == group.Key.Family)
                .GroupBy(r => r.Label)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var reference in series)
                rows.Add(new Row(group.Key.Mode, group.Key.Threads, group.Key.Family, reference.Key, oursAt,
                    Thresholds.Select(t => BestAt(reference, t)).ToArray()));
        }
        return rows;
    }
}
