using System.Globalization;
using VecStore.Indexes.Distance;
using VecStore.QueryLanguage.Binding.Bound;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Planning;

/// <summary>Whether the vector index on the column a SELECT orders by can rank it, and if not, why: the planner's rule and EXPLAIN's explanation in one place.</summary>
/// <remarks>
/// An index serves ORDER BY one distance, nearest first, with the metric it was built for, a
/// LIMIT of at most <see cref="Planner.MaxAnnRows"/> rows, and no further ORDER BY key (ties would
/// need the whole tie, which a graph cannot list), unless the query forces an exact strategy.
/// </remarks>
internal static class IndexEligibility
{
    /// <summary>The vector index on the column of the SELECT's first ORDER BY distance, with the reason it cannot rank the SELECT (null when it can); null when there is no such index.</summary>
    public static (IndexSchema Index, string? WhyNot)? Of(BoundSelect select)
    {
        if (select.Table is null || select.IsAggregate || FirstDistance(select) is not var (order, position))
            return null;
        if (select.Table.VectorIndexOn(order.Column) is not { } index)
            return null;
        return (index, WhyNot(select, order, position, index));
    }

    private static string? WhyNot(BoundSelect select, DistanceCall order, int position, IndexSchema index)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (Storage.Session.IsWaitingToTrain(index))
            return string.Create(invariant, $"not trained yet: it trains once the column holds {Storage.Session.VectorsToTrain(index)} vectors, and the column is searched exactly until then");
        if (order.Column.Metric != order.Metric)
            return $"it serves the column's metric {MetricNames.ToSql(order.Column.Metric)}, and the query orders by {Describe(order.Function)} ({order.Text}); "
                + $"order by distance({order.Column.Name}, ...) or {order.Column.Name} {Operator(order.Column.Metric)} ... to search through it";
        if (position > 0)
            return "ORDER BY has another key before the distance: every passing row is ranked";
        if (select.OrderBy.Count > 1)
            return "ORDER BY has further keys after the distance: rows at equal distance need the whole tie, which an index cannot list";
        if (select.OrderBy[0].Descending ^ order.ReversesMetric)
            return "the query asks for the farthest rows first; an index finds the nearest";
        if (select.Limit is not long limit)
            return "the query has no LIMIT; an index finds the nearest k rows";
        if (limit + (select.Offset ?? 0) > Planner.MaxAnnRows)
            return string.Create(invariant, $"LIMIT + OFFSET asks for {limit + (select.Offset ?? 0)} rows; an index search returns at most {Planner.MaxAnnRows}");
        if (select.Strategy is SearchStrategy.Prefilter or SearchStrategy.Flat)
            return $"strategy '{select.Strategy.ToString().ToLowerInvariant()}' is forced, which ranks exactly";
        return null;
    }

    /// <summary>The first ORDER BY key that is a distance, and its position.</summary>
    private static (DistanceCall Order, int Position)? FirstDistance(BoundSelect select)
    {
        for (int i = 0; i < select.OrderBy.Count; i++)
            if (select.OrderBy[i].Distance is { } distance)
                return (distance, i);
        return null;
    }

    /// <summary>pgvector's operator for a metric.</summary>
    private static string Operator(Metric metric) => metric switch
    {
        Metric.L2 => "<->",
        Metric.Cosine => "<=>",
        Metric.InnerProduct => "<#>",
        Metric.L1 => "<+>",
        Metric.Hamming => "<~>",
        _ => "<%>",
    };

    /// <summary>A distance function as EXPLAIN names it.</summary>
    public static string Describe(DistanceFunction function) => function switch
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
