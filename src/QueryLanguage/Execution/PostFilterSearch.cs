using VecStore.Indexes;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.Storage.Views;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Post-filtering: the index proposes rows without the filter, SQLite checks the WHERE clause on just those.</summary>
/// <remarks>
/// Two policies: <see cref="Forced"/> for <c>WITH (strategy = 'postfilter')</c>, which doubles
/// until k pass or 10,000 rows were asked for, and <see cref="Planned"/> for the cost model's
/// choice, which also asks deeper when its answer came from the tail of the proposals and gives
/// up for the candidate list once that would be cheaper. Both return null when the caller
/// should list the passing rows and rank them instead, so the answer is never short.
/// </remarks>
internal static class PostFilterSearch
{
    /// <summary>Most rows a post-filtering search asks the index for before it gives up and ranks the passing rows exactly.</summary>
    private const int MaxPostfilterRows = (int)Planner.MaxAnnRows;

    /// <summary>
    /// Strategy 'postfilter': the index searches without the filter for 2k rows, SQLite checks the
    /// WHERE clause on those rows only, and while fewer than k pass it asks again for twice as many
    /// (and, for an inverted file, probes twice as many lists). No list of every passing row is
    /// built, which is the point when most rows pass. Past <see cref="MaxPostfilterRows"/>, or
    /// when the index has no more rows to give, it returns null and the caller ranks the passing
    /// rows exactly, so the answer is never short.
    /// </summary>
    public static Neighbor[]? Forced(Session session, VectorTopKPlan plan, ColumnView view, int k, ExecutionTrace? trace)
    {
        var index = plan.Index!;
        int ask = (int)Math.Min(MaxPostfilterRows, 2L * k);
        int breadth = plan.Breadth;
        int lists = index.Method.IsInvertedFile() ? Session.ListsOf(index) : 0;
        for (int round = 1; ; round++)
        {
            var (kept, proposed, passed) = ProposeAndCheck(session, plan, view, k, ask, breadth);
            if (kept is null)
            {
                trace?.Path = VectorTopKExecutor.NotJoinedYet(index);
                return null;
            }
            if (kept.Count >= k)
            {
                trace?.Path = $"postfilter through index {index.Method.ToString().ToLowerInvariant()} {index.Name}: asked for {ask} rows in {round} round(s), {passed} passed the filter";
                return ToNeighbors(kept);
            }
            bool wider = lists > 0 && breadth < lists;
            bool exhausted = proposed < ask && !wider;
            if ((ask >= MaxPostfilterRows && !wider) || exhausted)
            {
                trace?.Path = $"postfilter through index {index.Method.ToString().ToLowerInvariant()} {index.Name} found {kept.Count} of {k} after asking for {ask} rows, so the passing rows exactly instead";
                return null;
            }
            ask = (int)Math.Min(MaxPostfilterRows, 2L * ask);
            if (wider)
                breadth = Math.Min(lists, breadth * 2);
        }
    }

    /// <summary>
    /// The cost model's post-filter: an unfiltered search for the rows it estimated (about 2k pass
    /// a filter independent of the vectors), SQLite checks those. While fewer than k pass (the
    /// filter follows the vectors, and the nearest rows fail it together) it asks for twice as
    /// many, as long as the rounds spent and the next one are estimated to cost less than
    /// listing the passing rows would; then it returns null and the caller lists and ranks them.
    /// <paramref name="note"/> says what happened, for EXPLAIN ANALYZE.
    /// </summary>
    public static Neighbor[]? Planned(Session session, VectorTopKPlan plan, ColumnView view, int k, Planning.FilterChoice choice, out string? note)
    {
        var index = plan.Index!;
        int ask = Math.Max(choice.Costs.PostfilterAsk, 2 * k);
        int breadth = Math.Max(plan.Breadth, choice.Costs.PostfilterBreadth);
        double spent = 0, budget = choice.Costs.ListPathUs;
        for (int round = 1; ; round++)
        {
            var (kept, proposed, passed) = ProposeAndCheck(session, plan, view, k, ask, breadth);
            if (kept is null)
            {
                note = VectorTopKExecutor.NotJoinedYet(index);
                return null;
            }
            // The k-th passing row should come from the nearer part of the proposals, where the
            // search is accurate; from the tail (a filter that follows the vectors, failing the
            // query's own neighbourhood) it is worth asking deeper while the budget allows.
            double share = choice.Inputs.Selectivity >= WideShare ? WideSettledShare : SettledShare;
            bool settled = kept.Count >= k && (kept.Count == 0 || kept[^1].Rank < share * proposed || proposed < ask);
            spent += FilterCostModel.PostfilterRound(choice.Inputs, index.Method, ask).Us;
            int next = (int)Math.Min(MaxPostfilterRows, 2L * ask);
            var (nextUs, nextBreadth) = FilterCostModel.PostfilterRound(choice.Inputs, index.Method, next);
            bool canAskMore = next > ask && (proposed == ask || index.Method.IsInvertedFile()) && spent + nextUs <= budget;
            if (settled || (kept.Count >= k && !canAskMore))
            {
                note = $"postfilter through index {index.Method.ToString().ToLowerInvariant()} {index.Name}: asked for {ask} rows in {round} round(s), {passed} of {proposed} passed the filter";
                return ToNeighbors(kept);
            }
            if (!canAskMore)
            {
                note = $"postfilter through index {index.Method.ToString().ToLowerInvariant()} {index.Name}: only {passed} of {proposed} proposed rows passed the filter in {round} round(s), fewer than {k}, so the passing rows listed and ranked instead";
                return null;
            }
            ask = next;
            breadth = Math.Max(plan.Breadth, nextBreadth);
        }
    }

    /// <summary>A post-filter's answer is settled when its k-th passing row is among this share of the rows proposed.</summary>
    /// <remarks>
    /// Measured on 300,000 × 128 with a filter passing 10% of the rows cluster by cluster
    /// (docs/benchmarks.md): asking for 2k / s rows and settling at 0.75 left recall at 0.9455;
    /// asking for 3k / s (see <see cref="FilterCostModel.PostfilterOverAsk"/>) and settling at 0.7
    /// gives 0.9555, 0.5 no better and a third slower. An independent filter settles in the
    /// first round either way.
    /// </remarks>
    private const double SettledShare = 0.7;

    /// <summary>From this estimated share of passing rows on, the answer settles when its k-th passing row is among <see cref="WideSettledShare"/> of the proposals.</summary>
    /// <remarks>
    /// A wide filter's proposals are few (3k / s) and mostly pass, so the k-th passing row sits
    /// near their end even when all is well; asking deeper then only costs time (same recall,
    /// 0.963, under a clustered 50% filter on 300,000 × 128).
    /// </remarks>
    private const double WideShare = 0.25;

    private const double WideSettledShare = 0.9;

    private static Neighbor[] ToNeighbors(List<(Neighbor Neighbor, int Rank)> kept)
    {
        var neighbors = new Neighbor[kept.Count];
        for (int i = 0; i < neighbors.Length; i++)
            neighbors[i] = kept[i].Neighbor;
        return neighbors;
    }

    /// <summary>One post-filtering round: the index proposes <paramref name="ask"/> rows unfiltered, SQLite checks which pass; the first <paramref name="k"/> that pass, nearest first (null when the index cannot serve the statement yet).</summary>
    /// <remarks>Each kept row carries its rank among the proposals.</remarks>
    private static (List<(Neighbor Neighbor, int Rank)>? Kept, int Proposed, int Passed) ProposeAndCheck(Session session, VectorTopKPlan plan, ColumnView view, int k, int ask, int breadth)
    {
        var found = session.SearchIndex(plan.Index!, plan.Order.Query, new AcceptAll(), ask, breadth);
        if (found is null)
            return (null, 0, 0);
        var rowIds = new List<long>(found.Length);
        var slotRows = new long[found.Length];
        for (int i = 0; i < found.Length; i++)
        {
            slotRows[i] = view.RowIdOf(found[i].Id) ?? -1;
            if (slotRows[i] >= 0)
                rowIds.Add(slotRows[i]);
        }
        var passing = session.PassingRows(plan.Select.Table!, rowIds, plan.Select.Where!);
        var kept = new List<(Neighbor, int)>(k);
        for (int i = 0; i < found.Length && kept.Count < k; i++)
            if (slotRows[i] >= 0 && passing.Contains(slotRows[i]))
                kept.Add((found[i], i));
        return (kept, found.Length, passing.Count);
    }
}
