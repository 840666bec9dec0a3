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
                var ranking = topK.Ranking;
                bool searchesIndex = topK.Index is not null && ranking is SearchStrategy.Index or SearchStrategy.Postfilter;
                lines.Add($"VECTOR SEARCH {table}.{order.Column.Name} USING {StrategyText(topK, ranking)} ({Exactness(topK, ranking)})");
                if (topK.Index is { } index)
                    lines.Add(searchesIndex ? IndexParameters(select, topK, index)
                        : $"  index: {MethodName(index)} {index.Name}, not searched: the cost model estimates ranking the passing rows exactly cheaper");
                else
                    AddSkippedIndex(lines, select);
                lines.Add($"  order: {order.Text} {(topK.Descending ? "DESC" : "ASC")} ({Describe(order.Function)}, metric {MetricNames.ToSql(order.Metric)}, {(farthest ? "farthest" : "nearest")} first)");
                lines.Add("  rows: " + Rows(select));
                if (topK.TieBreakers.Count > 0)
                    lines.Add("  ties broken by: " + Keys(topK.TieBreakers));
                bool postfilter = ranking == SearchStrategy.Postfilter;
                if (topK.Radius is { } radius)
                    lines.Add($"  radius: {radius.Text} (the ranked rows stop there; rows without a vector are left out)");
                AddRanges(lines, select);
                lines.Add(whereText is null
                    ? (searchesIndex ? "  filter: none" : "  filter: none, every vector is scanned")
                    : postfilter ? $"  filter (SQLite, on the rows the index proposes): {whereText}"
                    : $"  filter (SQLite, before ranking): {whereText}");
                lines.Add("  then: fetch the winners' columns by row id");
                break;
            }
            case InMemorySortPlan:
                lines.Add($"SORT IN MEMORY {table}");
                AddSkippedIndex(lines, select);
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
        foreach (var note in select.SettingNotes ?? [])
            lines.Add("  settings: " + note);
        lines.Add("  why: " + plan.Reason);
        return lines;
    }

    /// <summary>The strategy as the first line names it, in the words of <c>WITH (strategy = ...)</c> and the cost line: flat, prefilter, index hnsw docs_v, postfilter through index hnsw docs_v.</summary>
    private static string StrategyText(VectorTopKPlan plan, SearchStrategy ranking) => ranking switch
    {
        SearchStrategy.Index => $"index {MethodName(plan.Index!)} {plan.Index!.Name}",
        SearchStrategy.Postfilter => $"postfilter through index {MethodName(plan.Index!)} {plan.Index!.Name}",
        SearchStrategy.Auto => "prefilter or flat",
        _ => ranking.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether the ranking is exact, and who chose it when it was not the planner alone.</summary>
    private static string Exactness(VectorTopKPlan plan, SearchStrategy ranking)
    {
        string exactness = ranking switch
        {
            SearchStrategy.Index or SearchStrategy.Postfilter when plan.Index!.Method == IndexMethod.IvfPq => "approximate, re-ranked exactly",
            SearchStrategy.Index or SearchStrategy.Postfilter => "approximate",
            SearchStrategy.Auto => "exact, one by one when the passing rows are under 1/8 of the vectors",
            _ => "exact",
        };
        if (plan.Strategy == SearchStrategy.Auto)
            return exactness;
        return plan.Select.StrategyFromSession ? exactness + ", forced by SET strategy" : exactness + ", forced";
    }

    /// <summary>The parameters of the index that ranks the rows, and the breadth in effect.</summary>
    private static string IndexParameters(BoundSelect select, VectorTopKPlan plan, IndexSchema index)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (index.Method)
        {
            case IndexMethod.IvfPq:
            {
                var options = Storage.Session.IvfPqOptionsOf(index);
                return string.Create(invariant,
                    $"  index: lists = {options.Lists}, m = {options.M}, refine = {options.Refine}, nprobe = {plan.Breadth}{BreadthSource(select, index)}{ProbeNote(options.Lists, plan.Breadth)}");
            }
            case IndexMethod.Ivf:
            {
                var options = Storage.Session.IvfOptionsOf(index);
                return string.Create(invariant, $"  index: lists = {options.Lists}, nprobe = {plan.Breadth}{BreadthSource(select, index)}{ProbeNote(options.Lists, plan.Breadth)}");
            }
            default:
            {
                var options = Storage.Session.HnswOptionsOf(index);
                return string.Create(invariant, $"  index: m = {options.M}, ef_construction = {options.EfConstruction}, ef_search = {plan.Breadth}{BreadthSource(select, index)}");
            }
        }
    }

    /// <summary>A line saying why the vector index on the ordered column does not rank this SELECT, when it has one.</summary>
    private static void AddSkippedIndex(List<string> lines, BoundSelect select)
    {
        if (IndexEligibility.Of(select) is (var index, { } whyNot))
            lines.Add($"  index: {MethodName(index)} {index.Name}, not used: {whyNot}");
    }

    private static string MethodName(IndexSchema index) => index.Method.ToString().ToLowerInvariant();

    /// <summary>Where the search breadth came from: the query's WITH, the session's SET, the index's tuning at CREATE INDEX, or its default.</summary>
    private static string BreadthSource(BoundSelect select, IndexSchema index) =>
        select.Breadth is not null ? (select.BreadthFromSession ? " (SET for the session)" : " (WITH)")
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

    private static string Describe(DistanceFunction function) => IndexEligibility.Describe(function);
}
