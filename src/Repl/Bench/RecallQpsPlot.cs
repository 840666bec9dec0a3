using System.Globalization;
using ScottPlot;

namespace VecStore.Repl.Bench;

/// <summary>Draws recall@10 (x) against QPS (y, log scale) for VecStore and every reference series, to a PNG of a fixed size.</summary>
/// <remarks>
/// One series per library, index, mode and thread count, its points joined in order of recall, so
/// a swept index shows its curve and an exact index a single point. ScottPlot has no log axis of its
/// own: the values plotted are log10(QPS), and the ticks are labelled with the QPS they stand for.
/// </remarks>
internal static class RecallQpsPlot
{
    /// <summary>Writes the plot of <paramref name="points"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, string title, IReadOnlyList<ResultPoint> points, int width, int height)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var series in points.Where(p => p.Qps > 0).GroupBy(p => (p.Label, p.Mode, p.Threads)).OrderBy(g => g.Key.Label.StartsWith("vecstore", StringComparison.Ordinal) ? 0 : 1).ThenBy(g => g.Key.Label, StringComparer.Ordinal))
        {
            var ordered = series.OrderBy(p => p.Recall).ToArray();
            var scatter = plot.Add.Scatter(ordered.Select(p => p.Recall).ToArray(), ordered.Select(p => Math.Log10(p.Qps)).ToArray());
            scatter.Color = palette.GetColor(colour++);
            scatter.MarkerSize = 7;
            scatter.LineWidth = series.Key.Label.StartsWith("vecstore", StringComparison.Ordinal) ? 3 : 1.5f;
            scatter.LegendText = string.Create(CultureInfo.InvariantCulture, $"{series.Key.Label}, {series.Key.Mode}, {series.Key.Threads} thr");
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", CultureInfo.InvariantCulture),
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => x.ToString("0.###", CultureInfo.InvariantCulture),
        };
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
        plot.Title(title);
        plot.XLabel("recall@10");
        plot.YLabel("queries per second (log scale)");
        plot.ShowLegend(Alignment.LowerLeft);
        // Recall ends at 1: the x axis stops there instead of padding past it. The y axis spans whole
        // decades, so that at least two powers of ten are labelled however close the points lie.
        var drawn = points.Where(p => p.Qps > 0).ToList();
        double lowest = drawn.Count == 0 ? 0.9 : drawn.Min(p => p.Recall);
        plot.Axes.SetLimitsX(Math.Max(0, Math.Min(lowest, 0.9) - 0.02), 1.005);
        double bottom = drawn.Count == 0 ? 0 : Math.Floor(drawn.Min(p => Math.Log10(p.Qps)));
        double top = drawn.Count == 0 ? 1 : Math.Ceiling(drawn.Max(p => Math.Log10(p.Qps)));
        plot.Axes.SetLimitsY(bottom - 0.05, Math.Max(top, bottom + 1) + 0.05);
        plot.SavePng(path, width, height);
    }
}
