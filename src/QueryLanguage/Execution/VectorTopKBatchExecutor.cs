using VecStore.Indexes;
using VecStore.Indexes.Flat;
using VecStore.QueryLanguage.Planning;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Runs several exact top-k searches that differ only in their query vector with one pass over the stored vectors.</summary>
/// <remarks>
/// A batch of the same SELECT with different query vectors (VecStoreBatch) reads every stored
/// vector once for all queries, with a blocked, register-tiled kernel, instead of once per query.
/// The filter runs once; everything after the ranking is the single-query path.
/// </remarks>
internal static class VectorTopKBatchExecutor
{
    /// <summary>True when the plans can share one scan: same table, column, function, order, filter, limit and offset, no tie-breakers and no distance ranges.</summary>
    /// <remarks>A distance range depends on each query's vector, so it is left to the single-query path.</remarks>
    public static bool CanShare(VectorTopKPlan a, VectorTopKPlan b)
        => a.TieBreakers.Count == 0 && b.TieBreakers.Count == 0
           && a.Select.Ranges.Count == 0 && b.Select.Ranges.Count == 0 && a.Radius is null && b.Radius is null
           && a.Index?.IndexId == b.Index?.IndexId && a.Breadth == b.Breadth
           && a.Descending == b.Descending
           && a.Order.Function == b.Order.Function
           && a.Order.Column.ColumnId == b.Order.Column.ColumnId
           && a.Select.Table?.TableId == b.Select.Table?.TableId
           && a.Select.Limit == b.Select.Limit
           && a.Select.Offset == b.Select.Offset
           && Equals(a.Select.Where, b.Select.Where)
           && a.Strategy == Planning.SearchStrategy.Auto && b.Strategy == Planning.SearchStrategy.Auto;

    public static List<List<object?[]>> Run(Session session, IReadOnlyList<VectorTopKPlan> plans)
    {
        var first = plans[0];
        if (first.Strategy != Planning.SearchStrategy.Auto)
        {
            // A forced strategy is carried out exactly as asked, query by query.
            var each = new List<List<object?[]>>(plans.Count);
            foreach (var plan in plans)
                each.Add(VectorTopKExecutor.Run(session, plan));
            return each;
        }
        if (first.Index is not null && RunIndexed(session, plans) is { } indexed)
            return indexed;
        var select = first.Select;
        var order = first.Order;
        long take = select.Limit is long limit ? Math.Min(long.MaxValue - 1, limit + (select.Offset ?? 0)) : long.MaxValue;
        var view = session.View(order.Column);
        session.Monitor.Begin("ranking vectors", view.SlotCount);
        var options = new FlatSearchOptions { MaxThreads = session.SearchThreads, CancellationToken = session.Monitor.Token };
        var index = new FlatIndex(view, order.Metric, options);
        bool farthest = order.ReversesMetric ^ first.Descending;
        List<Candidate>? candidates = select.Where is null ? null : session.Candidates(select.Table!, order.Column, select.Where);
        long available = candidates?.Count ?? view.SlotCount;
        int k = (int)Math.Min(Math.Min(take, available), 1 << 20);

        var rankings = new Ranking?[plans.Count];
        if (k == 0)
        {
            for (int q = 0; q < plans.Count; q++)
                rankings[q] = new Ranking([], candidates);
        }
        else if (candidates is not null && VectorTopKExecutor.RankOneByOne(candidates, view))
        {
            // Few rows pass the filter: ranking them per query costs less than any scan.
            for (int q = 0; q < plans.Count; q++)
                rankings[q] = new Ranking(VectorTopKExecutor.Search(index, view, plans[q].Order.Query, candidates, k, farthest), candidates);
        }
        else
        {
            int dims = order.Query.Length;
            var queries = new float[plans.Count * dims];
            for (int q = 0; q < plans.Count; q++)
                plans[q].Order.Query.CopyTo(queries, q * dims);
            var results = new Neighbor[plans.Count * k];
            var found = new int[plans.Count];
            if (candidates is null)
                index.SearchBatch(queries, plans.Count, new AcceptAll(), results, k, found, farthest, options);
            else
                index.SearchBatch(queries, plans.Count, VectorTopKExecutor.SlotFilter(candidates), results, k, found, farthest, options);
            for (int q = 0; q < plans.Count; q++)
                rankings[q] = new Ranking(results.AsSpan(q * k, found[q]).ToArray(), candidates);
        }

        return Finish(session, plans, rankings);
    }

    /// <summary>Searches an HNSW index for every query, the graph walks on all the session's threads; null when the index cannot answer (the caller ranks exactly).</summary>
    private static List<List<object?[]>>? RunIndexed(Session session, IReadOnlyList<VectorTopKPlan> plans)
    {
        var first = plans[0];
        var select = first.Select;
        var order = first.Order;
        var view = session.View(order.Column);
        List<Candidate>? candidates = select.Where is null ? null : session.Candidates(select.Table!, order.Column, select.Where);
        long take = Math.Min(long.MaxValue - 1, select.Limit!.Value + (select.Offset ?? 0));
        int k = (int)Math.Min(take, candidates?.Count ?? view.SlotCount);
        if (candidates is not null && VectorTopKExecutor.PreferExact(first, candidates, view))
            return null;
        var queries = new float[plans.Count][];
        for (int q = 0; q < queries.Length; q++)
            queries[q] = plans[q].Order.Query;
        var found = candidates is null
            ? session.SearchIndex(first.Index!, queries, new AcceptAll(), k, first.Breadth, session.SearchThreads)
            : session.SearchIndex(first.Index!, queries, VectorTopKExecutor.SlotFilter(candidates), k, first.Breadth, session.SearchThreads);
        if (found is null)
            return null;
        var rankings = new Ranking?[plans.Count];
        for (int q = 0; q < plans.Count; q++)
            // A walk the filter cut short is ranked exactly by the single-query path.
            // (unfiltered too: rows deleted since the index caught up can leave it short).
            rankings[q] = found[q].Length < k && (candidates is null || found[q].Length < candidates.Count) ? null : new Ranking(found[q], candidates);
        return Finish(session, plans, rankings);
    }

    private static List<List<object?[]>> Finish(Session session, IReadOnlyList<VectorTopKPlan> plans, Ranking?[] rankings)
    {
        var rows = new List<List<object?[]>>(plans.Count);
        for (int q = 0; q < plans.Count; q++)
            rows.Add(VectorTopKExecutor.Run(session, plans[q], rankings[q]));
        return rows;
    }
}
