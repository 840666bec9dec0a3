using VecStore.Indexes;
using VecStore.Indexes.Flat;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;
using VecStore.Storage.Catalog;
using VecStore.Storage.Views;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs a <see cref="VectorTopKPlan"/>: exact top-k by distance over the rows that pass the filter.</summary>
/// <remarks>
/// Rows whose vector is NULL have no distance; as in PostgreSQL they sort after every distance
/// in ascending order and before them in descending order, so LIMIT still counts them when
/// fewer vectors match. With a radius they are left out: no distance lies within it.
/// </remarks>
internal static class VectorTopKExecutor
{
    /// <summary>Below this share of all slots, candidates are ranked one by one instead of by a filtered full scan.</summary>
    private const int CandidateListDivisor = 8;

    public static List<object?[]> Run(Session session, VectorTopKPlan plan) => Run(session, plan, null);

    /// <summary>Runs the plan; <paramref name="ranked"/> holds the nearest vectors when a batched scan has already found them; <paramref name="trace"/>, when given, records what the ranking did.</summary>
    internal static List<object?[]> Run(Session session, VectorTopKPlan plan, Ranking? ranked, ExecutionTrace? trace = null)
    {
        var select = plan.Select;
        var table = select.Table!;
        var order = plan.Order;
        long take = select.Limit is long limit ? SaturatingAdd(limit, select.Offset ?? 0) : long.MaxValue;
        var rows = new List<object?[]>();
        if (take == 0)
            return rows;

        bool nullsFirst = plan.Descending;
        bool nullVectors = plan.Radius is null;
        var nullVectorWhere = AndAlso(select.Where, new IsNullExpr(new ColumnExpr(order.Column), Negated: false));
        if (nullsFirst && nullVectors)
            rows.AddRange(FetchNullVectorRows(session, plan, nullVectorWhere, take));

        if (rows.Count < take)
            rows.AddRange(RankVectors(session, plan, take - rows.Count, ranked, trace));

        if (!nullsFirst && nullVectors && rows.Count < take)
            rows.AddRange(FetchNullVectorRows(session, plan, nullVectorWhere, take - rows.Count));

        int skip = (int)Math.Min(select.Offset ?? 0, rows.Count);
        rows.RemoveRange(0, skip);
        return rows;
    }

    private static List<object?[]> RankVectors(Session session, VectorTopKPlan plan, long take, Ranking? ranked, ExecutionTrace? trace)
    {
        var select = plan.Select;
        var table = select.Table!;
        var order = plan.Order;
        var view = session.View(order.Column);
        // An exact scan of a large table can take seconds: it stops (block by block) when the statement does.
        session.Monitor.Begin("ranking vectors", view.SlotCount);
        var index = new FlatIndex(view, order.Metric, new FlatSearchOptions { MaxThreads = session.SearchThreads, CancellationToken = session.Monitor.Token });
        bool farthest = order.ReversesMetric ^ plan.Descending;

        Neighbor[]? postFiltered = null;
        List<Candidate>? candidates = null;
        string? fallbackNote = null;
        if (ranked is not null)
            candidates = ranked.Candidates;
        else if (select.Where is not null && plan.Index is not null && plan.Strategy == SearchStrategy.Postfilter)
            postFiltered = PostFilterSearch.Forced(session, plan, view, (int)Math.Min(take, int.MaxValue - 64), trace);
        else if (select.Where is not null && plan.Index is not null && plan.Choice is { Strategy: SearchStrategy.Postfilter } choice)
            postFiltered = PostFilterSearch.Planned(session, plan, view, (int)Math.Min(take, int.MaxValue - 64), choice, out fallbackNote);
        if (postFiltered is null && ranked is null && select.Where is not null)
        {
            var filterStart = trace?.Elapsed ?? TimeSpan.Zero;
            candidates = session.Candidates(table, order.Column, select.Where, readWholeTable: plan.Choice?.Costs.ScanTable ?? false);
            if (trace is not null)
            {
                trace.FilterRows = candidates.Count;
                trace.FilterTime = trace.Elapsed - filterStart;
            }
        }
        // An upper bound on the vectors that can match: a search asked for more simply returns fewer.
        long available = candidates?.Count ?? view.SlotCount;
        int k = (int)Math.Min(Math.Min(take, available), int.MaxValue - 64);
        if (k == 0)
            return [];

        // The cost model chose an exact strategy: the index is not consulted once the list is built.
        bool exactChosen = plan.Choice is { Strategy: SearchStrategy.Prefilter or SearchStrategy.Flat };
        var neighbors = ranked is not null
            ? ranked.Neighbors[..Math.Min(k, ranked.Neighbors.Length)]
            : postFiltered is not null ? postFiltered[..Math.Min(k, postFiltered.Length)]
            : (plan.Index is not null && plan.Strategy != SearchStrategy.Postfilter && !exactChosen ? SearchIndex(session, plan, view, candidates, k, trace) : null)
              ?? Search(index, view, order.Query, candidates, k, farthest, trace, plan.Ranking, plan.Strategy != SearchStrategy.Auto);
        if (trace is not null && fallbackNote is not null)
            trace.Path = postFiltered is not null || trace.Path is null ? fallbackNote : fallbackNote + "; " + trace.Path;
        // Equal distances at the cut: gather the whole tie so later ORDER BY keys decide between them.
        if (plan.TieBreakers.Count > 0)
        {
            while (neighbors.Length == k && k < available && neighbors[^1].Distance == neighbors[Math.Min((int)take, neighbors.Length) - 1].Distance)
            {
                k = (int)Math.Min(available, (long)k * 2);
                neighbors = Search(index, view, order.Query, candidates, k, farthest);
            }
            double boundary = neighbors[Math.Min((int)take, neighbors.Length) - 1].Distance;
            int keep = neighbors.Length;
            while (keep > 0 && neighbors[keep - 1].Distance != boundary && keep > take)
                keep--;
            neighbors = neighbors[..keep];
        }
        if (plan.Radius is { } radius)
            neighbors = WithinRadius(neighbors, radius, trace);

        // The winners' row ids as SQLite listed them: one pass over the candidates, no map of them all.
        Dictionary<long, long>? rowIdBySlot = null;
        if (candidates is not null)
        {
            rowIdBySlot = new Dictionary<long, long>(neighbors.Length);
            foreach (var neighbor in neighbors)
                rowIdBySlot[neighbor.Id] = -1;
            foreach (var c in candidates)
                if (rowIdBySlot.ContainsKey(c.Slot))
                    rowIdBySlot[c.Slot] = c.RowId;
        }

        var shape = plan.Shape;
        var rowIds = new long[neighbors.Length];
        for (int i = 0; i < neighbors.Length; i++)
            rowIds[i] = rowIdBySlot is not null ? rowIdBySlot[neighbors[i].Id] : view.RowIdOf(neighbors[i].Id)
                ?? throw VecStoreException.CorruptMetadata(session.DisplayName, $"vector slot {neighbors[i].Id} has no row");
        var fetched = FetchNeeded(session, plan, rowIds);
        var rows = new List<(Neighbor Neighbor, object?[] Values)>(neighbors.Length);
        for (int i = 0; i < neighbors.Length; i++)
        {
            if (!fetched.TryGetValue(rowIds[i], out var values))
                throw VecStoreException.CorruptMetadata(session.DisplayName, $"vector slot {neighbors[i].Id} points at row {rowIds[i]}, which does not exist");
            rows.Add((neighbors[i], values));
        }

        if (plan.TieBreakers.Count > 0)
        {
            rows.Sort((a, b) =>
            {
                if (a.Neighbor.Distance != b.Neighbor.Distance)
                    return farthest ? b.Neighbor.Distance.CompareTo(a.Neighbor.Distance) : a.Neighbor.Distance.CompareTo(b.Neighbor.Distance);
                for (int i = 0; i < plan.TieBreakers.Count; i++)
                {
                    int p = shape.KeyProjection[i + 1];
                    int c = SqlValueComparer.Instance.Compare(a.Values[p], b.Values[p]);
                    if (c != 0)
                        return plan.TieBreakers[i].Descending ? -c : c;
                }
                return a.Neighbor.Id.CompareTo(b.Neighbor.Id);
            });
            if (rows.Count > take)
                rows.RemoveRange((int)take, rows.Count - (int)take);
        }

        var result = new List<object?[]>(rows.Count);
        foreach (var (neighbor, values) in rows)
            result.Add(Output(plan, values, neighbor));
        return result;
    }

    /// <summary>The ranked neighbours whose distance lies within the plan's radius, in their order.</summary>
    /// <remarks>The distances are the ones the rows will print, so the cut agrees with the values the query returns.</remarks>
    private static Neighbor[] WithinRadius(Neighbor[] neighbors, DistanceRange radius, ExecutionTrace? trace)
    {
        var bounds = radius.MetricBounds;
        int within = 0;
        foreach (var neighbor in neighbors)
            if (bounds.Contains(neighbor.Distance))
                within++;
        trace?.Path += $"; {within} of the {neighbors.Length} ranked rows lie within {radius.Text}";
        if (within == neighbors.Length)
            return neighbors;
        var kept = new Neighbor[within];
        for (int i = 0, j = 0; i < neighbors.Length; i++)
            if (bounds.Contains(neighbors[i].Distance))
                kept[j++] = neighbors[i];
        return kept;
    }

    /// <summary>Reads the winners' values, leaving out what the ranking already knows: the order's own distance needs no vector.</summary>
    private static Dictionary<long, object?[]> FetchNeeded(Session session, VectorTopKPlan plan, long[] rowIds)
    {
        var shape = plan.Shape;
        var need = new bool[shape.Projections.Count];
        var columns = plan.Select.Columns;
        for (int i = 0; i < columns.Count; i++)
            if (columns[i].Distance is not { } d || !d.SameAs(plan.Order))
                need[shape.OutputProjection[i]] = true;
        for (int i = 1; i < shape.KeyProjection.Length; i++)
            need[shape.KeyProjection[i]] = true;
        var projections = new List<SqlExpr>(need.Length);
        for (int p = 0; p < need.Length; p++)
            if (need[p])
                projections.Add(shape.Projections[p]);
        if (projections.Count == need.Length)
            return session.FetchRows(plan.Select.Table!, rowIds, shape.Projections);
        var fetched = session.FetchRows(plan.Select.Table!, rowIds, projections);
        var rows = new Dictionary<long, object?[]>(fetched.Count);
        foreach (var (id, values) in fetched)
        {
            var all = new object?[need.Length];
            for (int p = 0, f = 0; p < need.Length; p++)
                if (need[p])
                    all[p] = values[f++];
            rows[id] = all;
        }
        return rows;
    }

    /// <summary>The nearest vectors through the plan's HNSW index, or null when an exact search should answer instead.</summary>
    /// <remarks>
    /// With a filter, a graph walk visits about ef × 2m vectors divided by the share of rows that
    /// pass, while ranking the passing rows exactly costs one distance each: exact wins when
    /// candidates² ≤ ef × 2m × rows. A walk that finds fewer than k rows (the filter cut the graph
    /// apart) also falls back to the exact ranking, so a filtered query is never short.
    /// </remarks>
    private static Neighbor[]? SearchIndex(Session session, VectorTopKPlan plan, ColumnView view, List<Candidate>? candidates, int k, ExecutionTrace? trace)
    {
        var index = plan.Index!;
        float[] query = plan.Order.Query;
        string method = index.Method.ToString().ToLowerInvariant();
        string strategy = $"index {method} {index.Name}";
        if (candidates is null)
        {
            var all = session.SearchIndex(index, query, new AcceptAll(), k, plan.Breadth);
            // Short: more of the rows the index proposed were deleted or changed since it last
            // caught up than the search asked for beyond k (a writer deleting near the query while
            // the index lags). The exact scan then answers, so the query is never short.
            bool short_ = all is not null && all.Length < k;
            trace?.Path = all is null
                ? NotJoinedYet(index)
                : short_ ? $"{strategy} came back with {all.Length} of {k} rows (rows changed since it caught up), so exactly instead"
                : $"{strategy}: no filter";
            return short_ ? null : all;
        }
        if (plan.Strategy != SearchStrategy.Index && PreferExact(plan, candidates, view))
        {
            trace?.Path = $"{strategy} not searched: {candidates.Count} rows passed the filter, fewer than a search would read ({ExactReason(plan)})";
            return null;
        }
        // Left to the planner, an inverted file probes nprobe / s lists, where the nearest passing rows lie.
        int breadth = plan.Strategy == SearchStrategy.Auto && index.Method.IsInvertedFile()
            ? FilterCostModel.FilteredProbes(plan.Breadth, Session.ListsOf(index), (double)candidates.Count / Math.Max(1, view.SlotCount))
            : plan.Breadth;
        var found = session.SearchIndex(index, query, SlotFilter(candidates), k, breadth);
        bool shortWalk = found is not null && found.Length < k && found.Length < candidates.Count;
        trace?.Path = found is null
            ? NotJoinedYet(index)
            : shortWalk
                ? $"{strategy} skipping rows that failed the filter found {found.Length} of {k}, so the {candidates.Count} passing rows exactly instead"
                : $"{strategy}, skipping rows that failed the filter ({candidates.Count} passed)";
        return shortWalk ? null : found;
    }

    /// <summary>The path when the index was created by the open transaction and cannot serve it yet, for EXPLAIN ANALYZE.</summary>
    internal static string NotJoinedYet(IndexSchema index) => $"index {index.Name} joins the database when this transaction commits, so exactly instead";

    /// <summary>The rule <see cref="PreferExact"/> applied, for EXPLAIN ANALYZE.</summary>
    private static string ExactReason(VectorTopKPlan plan) => plan.Index!.Method.IsInvertedFile()
        ? "ranking them costs less than scanning nprobe / lists of the vectors"
        : "ranking them costs less than a walk expanding ef_search / share passing nodes";

    /// <summary>True when ranking the rows that passed the filter exactly costs less than an index search that skips the others (<see cref="FilterCostModel.ExactBeatsIndex"/>).</summary>
    internal static bool PreferExact(VectorTopKPlan plan, List<Candidate> candidates, ColumnView view)
    {
        var index = plan.Index!;
        var inputs = new FilterCostInputs(view.SlotCount, plan.Order.Query.Length, candidates.Count, FilterAccess.Index, K: 0,
            index.Method, plan.Breadth, index.Method == Storage.Catalog.IndexMethod.Hnsw ? Session.HnswOptionsOf(index).M : 16,
            index.Method.IsInvertedFile() ? Session.ListsOf(index) : 1);
        return FilterCostModel.ExactBeatsIndex(inputs, index.Method);
    }

    /// <summary>Whether ranking <paramref name="candidates"/> one by one beats a filtered scan of every slot: a vector fetched by slot costs about <see cref="CandidateListDivisor"/> read in sequence.</summary>
    internal static bool RankOneByOne(List<Candidate> candidates, ColumnView view) => (long)candidates.Count * CandidateListDivisor < view.SlotCount;

    /// <summary>One bit per slot of the rows that passed the filter.</summary>
    internal static SlotSetFilter SlotFilter(List<Candidate> candidates)
    {
        long maxSlot = 0;
        foreach (var c in candidates)
            maxSlot = Math.Max(maxSlot, c.Slot);
        var bits = new ulong[(maxSlot >> 6) + 1];
        foreach (var c in candidates)
            bits[c.Slot >> 6] |= 1UL << (int)(c.Slot & 63);
        return new SlotSetFilter(bits);
    }

    /// <summary>The exact ranking: flat (every vector, a slot bitmap when there are candidates) or prefilter (the candidates one by one).</summary>
    /// <param name="strategy">Prefilter or Flat as planned; any other leaves the choice to the number of candidates (one by one under 1/8 of the slots).</param>
    /// <param name="forced">True when the query forced the strategy, for EXPLAIN ANALYZE.</param>
    internal static Neighbor[] Search(FlatIndex index, ColumnView view, float[] query, List<Candidate>? candidates, int k, bool farthest, ExecutionTrace? trace = null,
        SearchStrategy strategy = SearchStrategy.Auto, bool forced = false)
    {
        var results = new Neighbor[k];
        int found;
        string why = forced ? "forced" : strategy is SearchStrategy.Prefilter or SearchStrategy.Flat ? "chosen by cost" : "";
        if (candidates is null)
        {
            AddPath(trace, $"flat: a scan of every vector ({view.SlotCount} slots)");
            found = farthest ? index.SearchFarthest(query, new AcceptAll(), results) : index.Search(query, new AcceptAll(), results);
        }
        else if (strategy == SearchStrategy.Prefilter || (strategy != SearchStrategy.Flat && RankOneByOne(candidates, view)))
        {
            AddPath(trace, $"prefilter: the {candidates.Count} rows that passed the filter, one by one ("
                + (why.Length > 0 ? why : $"under 1/{CandidateListDivisor} of {view.SlotCount} slots") + ")");
            var slots = new long[candidates.Count];
            for (int i = 0; i < slots.Length; i++)
                slots[i] = candidates[i].Slot;
            // In file order the vectors are read page after page, not at random (rows come in the filter index's order).
            Array.Sort(slots);
            found = farthest ? index.SearchCandidatesFarthest(query, slots, results) : index.SearchCandidates(query, slots, results);
        }
        else
        {
            AddPath(trace, $"flat: a scan of every vector ({view.SlotCount} slots) skipping the rows that failed the filter ({candidates.Count} passed"
                + (why.Length > 0 ? "; " + why : "") + ")");
            var filter = SlotFilter(candidates);
            found = farthest ? index.SearchFarthest(query, filter, results) : index.Search(query, filter, results);
        }
        return found == results.Length ? results : results[..found];
    }

    /// <summary>Adds how the vectors were ranked to what the trace says happened before (an index that was not searched, a post-filter that gave up).</summary>
    private static void AddPath(ExecutionTrace? trace, string path) => trace?.Path = trace.Path is null ? path : trace.Path + "; " + path;

    private static IEnumerable<object?[]> FetchNullVectorRows(Session session, VectorTopKPlan plan, SqlExpr where, long take)
    {
        var orderBy = new List<OrderTerm>();
        for (int i = 0; i < plan.TieBreakers.Count; i++)
            if (plan.TieBreakers[i].Scalar is { } scalar)
                orderBy.Add(new OrderTerm(scalar, plan.TieBreakers[i].Descending));
        orderBy.Add(new OrderTerm(new RowIdExpr(), false));
        var query = new RowQuery(plan.Select.Table!, plan.Shape.Projections, where, orderBy, take, null);
        var rows = new List<object?[]>();
        using var cursor = session.Select(query);
        while (cursor.Read())
        {
            var values = new object?[plan.Shape.Projections.Count];
            for (int i = 0; i < values.Length; i++)
                values[i] = cursor.GetValue(i);
            rows.Add(Output(plan, values, null));
        }
        return rows;
    }

    private static object?[] Output(VectorTopKPlan plan, object?[] values, Neighbor? neighbor)
    {
        var columns = plan.Select.Columns;
        var output = new object?[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            var value = values[plan.Shape.OutputProjection[i]];
            if (columns[i].Distance is { } distance)
            {
                if (neighbor is { } n && distance.SameAs(plan.Order))
                    output[i] = distance.FromMetricDistance(n.Distance);
                else
                    output[i] = value is null ? null : distance.EvaluateValue(value);
            }
            else
            {
                output[i] = value;
            }
        }
        return output;
    }

    private static SqlExpr AndAlso(SqlExpr? left, SqlExpr right) => left is null ? right : new BinaryExpr(SqlBinaryOperator.And, left, right);

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
