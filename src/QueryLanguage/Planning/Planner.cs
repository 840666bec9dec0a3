using VecStore.Storage;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Planning;

/// <summary>Chooses how to execute a SELECT.</summary>
/// <remarks>
/// The rules, in order: (1) no distance in ORDER BY: SQLite answers and distances are added per
/// row; (2) ORDER BY starts with a distance and no other key is a distance: exact top-k over the
/// rows that pass the filter; (3) anything else: read, compute and sort in memory. ANN indexes
/// and selectivity estimates will add rules here without changing the plan types above.
/// Distance ranges of the WHERE clause count as a filter: a scan finds their rows before the plan
/// runs, except a range that bounds the ordering distance at its far end, which cuts the ranked rows.
/// </remarks>
internal static class Planner
{
    /// <summary>Largest LIMIT + OFFSET an HNSW index serves; deeper result lists are ranked exactly.</summary>
    public const long MaxAnnRows = 10_000;

    /// <summary>Stands for the rows a range scan will find, while a strategy is chosen: to the choice they are a filter like any other.</summary>
    private static readonly Storage.Queries.SqlExpr RangeRowsStandIn = new Storage.Queries.InSubqueryOfJsonIds("[]");

    /// <summary>The vector index that can rank this SELECT, or null when only an exact scan gives its answer (<see cref="IndexEligibility"/> says why).</summary>
    public static IndexSchema? AnnIndexFor(BoundSelect select) => IndexEligibility.Of(select) is (var index, null) ? index : null;

    /// <summary>The plan for a SELECT. A distance range that bounds the ordering distance at its far end becomes the plan's radius; other ranges count as a filter. With <paramref name="statistics"/> a filtered nearest-neighbour search is given the strategy the cost model estimates cheapest.</summary>
    public static SelectPlan Plan(BoundSelect select, IPlanStatistics? statistics = null)
        => (RadiusOf(select) is { } radius ? CutAtRadius(select, radius, statistics) : null) ?? ChooseWithRanges(select, statistics);

    private static SelectPlan ChooseStrategy(BoundSelect select, IPlanStatistics? statistics)
    {
        var shape = new RowShape(select);
        int distanceKeys = 0;
        foreach (var key in select.OrderBy)
            if (key.Distance is not null)
                distanceKeys++;

        if (distanceKeys == 0)
            return new ScalarScanPlan(select, shape, select.OrderBy.Count == 0 ? "no ORDER BY distance: SQLite reads the rows" : "ORDER BY has no distance: SQLite sorts");

        var first = select.OrderBy[0];
        if (first.Distance is { } order && distanceKeys == 1)
        {
            var tieBreakers = new List<SortKey>();
            for (int i = 1; i < select.OrderBy.Count; i++)
                tieBreakers.Add(select.OrderBy[i]);
            var forced = select.Strategy;
            if (forced is SearchStrategy.Prefilter or SearchStrategy.Flat)
            {
                return new VectorTopKPlan(select, shape, forced == SearchStrategy.Prefilter
                    ? $"strategy 'prefilter' ({Forced(select)}): SQLite applies the filter, each passing row is ranked exactly"
                    : $"strategy 'flat' ({Forced(select)}): an exact scan of every vector, skipping rows the filter rejects",
                    order, first.Descending, tieBreakers, Strategy: forced);
            }
            if (AnnIndexFor(select) is { } index)
            {
                int breadth = (int)(select.Breadth ?? Session.DefaultBreadthOf(index));
                string method = index.Method.ToString().ToUpperInvariant();
                int searchBreadth = index.Method.IsInvertedFile() ? breadth : Math.Max(breadth, (int)Math.Min(select.Limit!.Value + (select.Offset ?? 0), int.MaxValue));
                if (forced == SearchStrategy.Auto && select.Where is not null && statistics is not null
                    && Choose(select, order, index, searchBreadth, statistics) is { } choice)
                {
                    return new VectorTopKPlan(select, shape, ChoiceReason(choice, index), order, first.Descending, tieBreakers, index, searchBreadth, Choice: choice);
                }
                string reason = forced switch
                {
                    SearchStrategy.Index => $"strategy 'index' ({Forced(select)}): the {method} index {index.Name} admits only rows the filter passes",
                    SearchStrategy.Postfilter => $"strategy 'postfilter' ({Forced(select)}): the {method} index {index.Name} searches unfiltered, asking for more rows until k pass the filter",
                    _ => select.Where is null
                        ? $"ORDER BY a distance with a LIMIT, and the column has the {method} index {index.Name} of the same metric: index, an approximate search"
                        : $"ORDER BY a distance with a LIMIT, and the column has the {method} index {index.Name}: index, a search that skips rows the filter rejects (few rows pass: they are ranked exactly instead)",
                };
                return new VectorTopKPlan(select, shape, reason, order, first.Descending, tieBreakers, index, searchBreadth, forced);
            }
            if (forced == SearchStrategy.Auto && select.Where is not null && statistics is not null
                && Choose(select, order, null, 0, statistics) is { } exactChoice)
            {
                return new VectorTopKPlan(select, shape, ChoiceReason(exactChoice, null), order, first.Descending, tieBreakers, Choice: exactChoice);
            }
            string exactReason = select.Where is null
                ? "ORDER BY a distance, no filter and no index that serves it: flat, an exact scan of every vector"
                : "ORDER BY a distance: SQLite applies the filter and the rows that pass are ranked exactly, by prefilter when they are few, else flat";
            return new VectorTopKPlan(select, shape, exactReason, order, first.Descending, tieBreakers);
        }

        return new InMemorySortPlan(select, shape, distanceKeys > 1
            ? "ORDER BY has several distances: every matching row is sorted in memory"
            : "ORDER BY has a distance after another key: every matching row is sorted in memory");
    }

    /// <summary>Who forced a strategy, for the plan's reason: the query's WITH, or the session's SET.</summary>
    private static string Forced(BoundSelect select) => select.StrategyFromSession ? "forced by SET strategy" : "forced";

    /// <summary>Below this many passing rows (by the first chunk of the sample) a filter SQLite answers through an index is counted rather than sampled.</summary>
    public const long CountedFilterRows = 8192;

    /// <summary>A filter SQLite finds through an index is first counted this far, before any sampling.</summary>
    private const long FirstCountedRows = 1024;

    /// <summary>The cost model's strategy for a filtered search, or null when the table is empty (nothing to estimate).</summary>
    private static FilterChoice? Choose(BoundSelect select, DistanceCall order, IndexSchema? index, int breadth, IPlanStatistics statistics)
    {
        var table = select.Table!;
        var where = select.Where!;
        long vectors = statistics.VectorSlots(order.Column);
        var access = statistics.FilterAccess(table, order.Column, where);
        bool searchesIndex = access != FilterAccess.TableScan;
        if ((statistics.RememberedEstimate(table, where) ?? EstimateFilter(table, where, vectors, searchesIndex, statistics)) is not { } estimate)
            return null;
        long k = Math.Min(select.Limit is long limit ? limit + (select.Offset ?? 0) : vectors, int.MaxValue);
        // The slots are what a scan reads (they include a page's unused ones); the share comes from the estimate.
        var inputs = new FilterCostInputs(vectors, order.Query.Length, estimate.EstimatedRows,
            access, (int)k, index?.Method, breadth,
            index is { Method: IndexMethod.Hnsw } ? Session.HnswOptionsOf(index).M : 16,
            index is not null && index.Method.IsInvertedFile() ? Session.ListsOf(index) : 1,
            estimate.Selectivity);
        var costs = FilterCostModel.Estimate(inputs);
        return new FilterChoice(costs.Cheapest, estimate, inputs, costs);
    }

    /// <summary>How many rows pass <paramref name="where"/>, estimated as cheaply as the filter allows; null for an empty table. The session remembers it for the next statement with the same filter.</summary>
    /// <remarks>
    /// A filter SQLite finds through an index is counted outright while few rows pass, which
    /// costs no more than listing them would. Otherwise one chunk of the sample: enough for a
    /// wide filter; a narrower one is counted up to <see cref="CountedFilterRows"/> when it can
    /// be, or the rest of the sample is read. A filter shape that was wide last time skips the
    /// first count, which would only read <see cref="FirstCountedRows"/> index entries to learn
    /// that again.
    /// </remarks>
    private static FilterEstimate? EstimateFilter(TableSchema table, SqlExpr where, long vectors, bool searchesIndex, IPlanStatistics statistics)
    {
        bool countFirst = searchesIndex && statistics.FilterWasWide(table, where) != true;
        long counted = countFirst ? statistics.CountUpTo(table, where, FirstCountedRows) : FirstCountedRows;
        FilterEstimate? estimate = counted < FirstCountedRows ? new FilterEstimate(vectors, 0, 0, FromAnalyze: false, CountedRows: counted) : null;
        if (estimate is null)
        {
            if (statistics.EstimateFilter(table, where, maxChunks: 1) is not { } first)
                return null;
            estimate = first;
            if (first.SamplePassed < Session.EstimatePassingEnough)
            {
                counted = searchesIndex && first.EstimatedRows < CountedFilterRows ? statistics.CountUpTo(table, where, CountedFilterRows) : CountedFilterRows;
                estimate = counted < CountedFilterRows
                    ? new FilterEstimate(vectors, 0, 0, FromAnalyze: false, CountedRows: counted)
                    : statistics.EstimateFilter(table, where) ?? first;
            }
        }
        statistics.RememberFilterWidth(table, where, estimate.EstimatedRows >= FirstCountedRows);
        statistics.RememberEstimate(table, where, estimate);
        return estimate;
    }

    /// <summary>Why the cost model's choice won, for EXPLAIN.</summary>
    private static string ChoiceReason(FilterChoice choice, IndexSchema? index)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string share = (choice.Inputs.Selectivity * 100).ToString(choice.Inputs.Selectivity < 0.01 ? "0.###" : "0.#", invariant);
        string passing = choice.Estimate.CountedRows is long counted
            ? string.Create(invariant, $"{counted} rows pass the filter")
            : string.Create(invariant, $"the filter passes about {share}% of the rows ({choice.Estimate.EstimatedRows} of {choice.Estimate.TableRows})");
        string table = choice.Costs.ScanTable ? " (read from the table, cheaper than through its index at this share)"
            : choice.Inputs.Access == FilterAccess.CoveringIndex ? " (from an index that holds their vector slots)" : "";
        string method = index?.Method.ToString().ToUpperInvariant() ?? "";
        return choice.Strategy switch
        {
            SearchStrategy.Postfilter => string.Create(invariant,
                $"{passing}: postfilter, the {method} index {index!.Name} searches unfiltered for {choice.Costs.PostfilterAsk} rows and SQLite checks just those, the cheapest estimate; if fewer than k of them pass (a filter that follows the vectors), the passing rows are listed and ranked instead"),
            SearchStrategy.Index => $"{passing}: index, SQLite lists them{table} and the {method} index {index!.Name} admits only those, the cheapest estimate (ranked exactly instead when the list turns out short)",
            SearchStrategy.Flat => $"{passing}: flat, SQLite lists them{table} and an exact scan of every vector skips the rest, the cheapest estimate",
            _ => $"{passing}: prefilter, SQLite lists them{table} and each is ranked exactly, the cheapest estimate",
        };
    }
    /// <summary>
    /// The range that can be a radius: one over the first ORDER BY distance that bounds it at the
    /// far end only, with a LIMIT (<c>WHERE distance(v, @q) &lt; r ORDER BY distance(v, @q) LIMIT k</c>).
    /// The answer is then the first k ranked rows cut at r, so an index still ranks the rows and no
    /// range scan is needed.
    /// </summary>
    private static DistanceRange? RadiusOf(BoundSelect select)
    {
        if (select.Limit is null || select.OrderBy.Count == 0 || select.OrderBy[0] is not { Distance: { } order } first)
            return null;
        foreach (var range in select.Ranges)
            if (range.Distance.SameAs(order) && (first.Descending ? !range.Bounds.HasUpper : !range.Bounds.HasLower))
                return range;
        return null;
    }

    /// <summary>A nearest-neighbour plan that cuts its ranked rows at <paramref name="radius"/>, or null when the strategy chosen is not one.</summary>
    private static VectorTopKPlan? CutAtRadius(BoundSelect select, DistanceRange radius, IPlanStatistics? statistics)
    {
        var rest = new List<DistanceRange>(select.Ranges);
        rest.Remove(radius);
        if (ChooseWithRanges(select with { Ranges = rest }, statistics) is not VectorTopKPlan topK || !topK.Order.SameAs(radius.Distance))
            return null;
        return topK with { Radius = radius, Reason = $"{topK.Reason}; {radius.Text} bounds the distance it orders by, so the ranked rows are cut there" };
    }

    /// <summary>The strategy for a SELECT whose distance ranges will join its WHERE clause as the rows within them.</summary>
    private static SelectPlan ChooseWithRanges(BoundSelect select, IPlanStatistics? statistics) => select.Ranges.Count == 0 || select.Where is not null
        ? ChooseStrategy(select, statistics)
        : ChooseStrategy(select with { Where = RangeRowsStandIn }, statistics) with { Select = select };
}
