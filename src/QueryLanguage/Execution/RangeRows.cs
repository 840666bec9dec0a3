using VecStore.Indexes;
using VecStore.Indexes.Flat;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Answers the distance ranges of a WHERE clause: an exact scan of each range's column finds the rows within, and they join the rest of the clause as a set of row ids.</summary>
/// <remarks>
/// Turning the ranges into <c>rowid IN (...)</c> before anything else runs keeps every plan as it
/// is: SQLite filters, counts, orders and pages the rows, and a nearest-neighbour search ranks only
/// rows within. The scan reports distances bit for bit as SELECT prints them, so a row is within
/// exactly when its printed distance satisfies the condition. Rows whose vector is NULL have no
/// slot and are never within.
/// </remarks>
internal static class RangeRows
{
    /// <summary><paramref name="where"/> restricted to the rows within every range; <paramref name="where"/> itself when there are none.</summary>
    public static SqlExpr? Restrict(Session session, SqlExpr? where, IReadOnlyList<DistanceRange> ranges, ExecutionTrace? trace = null)
    {
        if (ranges.Count == 0)
            return where;
        HashSet<long>? within = null;
        foreach (var range in ranges)
        {
            var start = trace?.Elapsed ?? TimeSpan.Zero;
            var rows = Within(session, range, out long slots);
            if (within is null)
                within = rows;
            else
                within.IntersectWith(rows);
            trace?.Ranges.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{rows.Count} rows within {range.Text}, by an exact scan of {slots} slots in {(trace.Elapsed - start).TotalMilliseconds:F3} ms"));
        }
        var ids = InSubqueryOfJsonIds.Of(within!);
        return where is null ? ids : new BinaryExpr(SqlBinaryOperator.And, where, ids);
    }

    /// <summary>The row ids whose distance lies within <paramref name="range"/>; <paramref name="slots"/> is how many slots the scan visited.</summary>
    public static HashSet<long> Within(Session session, DistanceRange range, out long slots)
    {
        var distance = range.Distance;
        var view = session.View(distance.Column);
        slots = view.SlotCount;
        var found = new List<Neighbor>();
        session.Monitor.Begin("scanning vectors for a distance range", slots);
        new FlatIndex(view, distance.Metric).SearchRange(distance.Query, range.MetricBounds, new AcceptAll(), found, session.Monitor.Token);
        var rows = new HashSet<long>(found.Count);
        foreach (var neighbor in found)
            rows.Add(view.RowIdOf(neighbor.Id) ?? throw VecStoreException.CorruptMetadata(session.DisplayName, $"vector slot {neighbor.Id} has no row"));
        return rows;
    }
}
