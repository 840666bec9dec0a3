using System.Globalization;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;
using SortKey = VecStore.QueryLanguage.Binding.Bound.SortKey;

namespace VecStore.QueryLanguage.Planning;

/// <summary>Writes a plan as the lines EXPLAIN returns.</summary>
internal static class PlanPrinter
{
    /// <summary>The plan's lines; <paramref name="whereText"/> is the WHERE clause as written without its distance ranges, or null.</summary>
    public static List<string> Print(SelectPlan plan, string? whereText)
    {
        var select = plan.Select;
        var lines = new List<string>();
        whereText = FilterText(select, whereText);
        string table = select.Table?.Name ?? "(no table)";
        switch (plan)
        {
            case VectorTopKPlan topK:
            {
                var order = topK.Order;
                bool farthest = order.ReversesMetric ^ topK.Descending;
                if (topK.Index is { Method: IndexMethod.IvfPq } pq)
                {
                    var options = Storage.Session.IvfPqOptionsOf(pq);
                    lines.Add($"VECTOR SEARCH {table}.{order.Column.Name} USING ivfpq index {pq.Name} (approximate, re-ranked exactly)");
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"  index: lists = {options.Lists}, m = {options.M}, refine = {options.Refine}, nprobe = {topK.Breadth}{BreadthSource(select, topK.Index!)}{ProbeNote(options.Lists, topK.Breadth)}"));
                }
                else if (topK.Index is { Method: IndexMethod.Ivf } ivf)
                {
                    var options = Storage.Session.IvfOptionsOf(ivf);
                    lines.Add($"VECTOR SEARCH {table}.{order.Column.Name} USING ivf index {ivf.Name} (approximate)");
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"  index: lists = {options.Lists}, nprobe = {topK.Breadth}{BreadthSource(select, topK.Index!)}{ProbeNote(options.Lists, topK.Breadth)}"));
                }
                else if (topK.Index is { } index)
                {
                    var options = Storage.Session.HnswOptionsOf(index);
                    lines.Add($"VECTOR SEARCH {table}.{order.Column.Name} USING hnsw index {index.Name} (approximate)");
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"  index: m = {options.M}, ef_construction = {options.EfConstruction}, ef_search = {topK.Breadth}{BreadthSource(select, topK.Index!)}"));
                }
                else
                {
                    lines.Add($"VECTOR SEARCH {table}.{order.Column.Name} USING flat (exact)");
                }
                lines.Add($"  order: {order.Text} {(topK.Descending ? "DESC" : "ASC")} ({Describe(order.Function)}, metric {MetricNames.ToSql(order.Metric)}, {(farthest ? "farthest" : "nearest")} first)");
                lines.Add("  rows: " + Rows(select));
                if (topK.TieBreakers.Count > 0)
                    lines.Add("  ties broken by: " + Keys(topK.TieBreakers));
                bool postfilter = topK.Strategy == SearchStrategy.Postfilter || topK.Choice?.Strategy == SearchStrategy.Postfilter;
                if (topK.Radius is { } radius)
                    lines.Add($"  radius: {radius.Text} (the ranked rows stop there; rows without a vector are left out)");
                AddRanges(lines, select);
                lines.Add(whereText is null
                    ? (topK.Index is null ? "  filter: none, every vector is scanned" : "  filter: none")
                    : postfilter ? $"  filter (SQLite, on the rows the index proposes): {whereText}"
                    : $"  filter (SQLite, before ranking): {whereText}");
                lines.Add("  then: fetch the winners' columns by row id");
                break;
            }
            case InMemorySortPlan:
                lines.Add($"SORT IN MEMORY {table}");
                lines.Add("  order: " + Keys(select.OrderBy));
                lines.Add("  rows: " + Rows(select));
                AddRanges(lines, select);
                lines.Add(whereText is null ? "  filter: none" : $"  filter (SQLite): {whereText}");
                break;
            default:
                lines.Add(select.IsAggregate ? $"COUNT {table} (SQLite)" : $"SCAN {table} (SQLite)");
                if (select.OrderBy.Count > 0)
                    lines.Add("  order (SQLite): " + Keys(select.OrderBy));
                if (!select.IsAggregate)
                    lines.Add("  rows: " + Rows(select));
                AddRanges(lines, select);
                lines.Add(whereText is null ? "  filter: none" : $"  filter (SQLite): {whereText}");
                break;
        }
        var distances = new List<string>();
        foreach (var column in select.Columns)
            if (column.Distance is { } d)
                distances.Add($"{column.Name} = {Describe(d.Function)} to the query");
        if (distances.Count > 0)
            lines.Add("  computed: " + string.Join("; ", distances));
        lines.Add("  why: " + plan.Reason);
        return lines;
    }

    /// <summary>Where the search breadth came from: the query's WITH, the index's tuning at CREATE INDEX, or its default.</summary>
    private static string BreadthSource(BoundSelect select, IndexSchema index) =>
        select.Breadth is not null ? " (WITH)"
        : Storage.Session.BreadthIsTuned(index) ? string.Create(CultureInfo.InvariantCulture, $" (tuned at CREATE INDEX to find {Storage.Indexing.BreadthTuner.TargetRecall:0%} of the nearest stored vectors)")
        : " (the index's default)";
    /// <summary>One line per distance range the plan answers with a scan before SQLite filters.</summary>
    private static void AddRanges(List<string> lines, BoundSelect select)
    {
        foreach (var range in select.Ranges)
            lines.Add($"  range: {range.Text} (an exact scan of {select.Table!.Name}.{range.Distance.Column.Name} finds the rows within, before SQLite filters)");
    }

    /// <summary>What SQLite filters on: the WHERE clause without its ranges, and the rows the range scans found.</summary>
    private static string? FilterText(BoundSelect select, string? whereText)
    {
        if (select.Ranges.Count == 0)
            return whereText;
        string within = select.Ranges.Count == 1 ? "rowid IN (the rows within the range)" : "rowid IN (the rows within every range)";
        return whereText is null ? within : $"{whereText} AND {within}";
    }

    /// <summary>How an inverted-file search finds its probes, when it is not by comparing every centroid.</summary>
    private static string ProbeNote(int lists, int nprobe) =>
        VecStore.Indexes.Ivf.IvfIndex.FindsProbesByGraph(lists, nprobe) ? ", probes found by an HNSW graph over the centroids" : "";

    private static string Keys(IReadOnlyList<SortKey> keys)
    {
        var parts = new List<string>(keys.Count);
        foreach (var key in keys)
            parts.Add(key.Text + (key.Descending ? " DESC" : ""));
        return string.Join(", ", parts);
    }

    private static string Rows(BoundSelect select)
    {
        string limit = select.Limit is long l ? "limit " + l.ToString(CultureInfo.InvariantCulture) : "all";
        return select.Offset is long o && o > 0 ? $"{limit}, offset {o.ToString(CultureInfo.InvariantCulture)}" : limit;
    }

    private static string Describe(DistanceFunction function) => function switch
    {
        DistanceFunction.L2 => "L2 distance",
        DistanceFunction.Cosine => "cosine distance",
        DistanceFunction.InnerProduct => "inner product",
        DistanceFunction.NegativeInnerProduct => "negative inner product",
        DistanceFunction.L1 => "L1 distance",
        DistanceFunction.Hamming => "Hamming distance",
        _ => "Jaccard distance",
    };
}
