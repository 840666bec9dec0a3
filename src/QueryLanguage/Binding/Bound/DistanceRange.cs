using VecStore.Indexes;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>A range search: a top-level AND term of WHERE that compares a distance with a number, e.g. <c>distance(v, @q) &lt; 0.5</c> or <c>distance(v, @q) BETWEEN 0.2 AND 0.5</c>.</summary>
/// <remarks>
/// <see cref="Bounds"/> limit the function's value as SELECT prints it, so <c>inner_product(v, @q) &gt; 0.8</c>
/// keeps the rows whose printed inner product exceeds 0.8. Terms over the same distance are merged into
/// one range. A NULL limit gives an empty range, as no row satisfies a comparison with NULL; a row
/// whose vector is NULL has no distance and is never within.
/// </remarks>
/// <param name="Text">The terms as written, for EXPLAIN.</param>
internal sealed record DistanceRange(DistanceCall Distance, DistanceBounds Bounds, string Text)
{
    /// <summary>The bounds on the distance a scan or an index reports (the metric's), which <c>inner_product</c> negates.</summary>
    public DistanceBounds MetricBounds => Distance.ReversesMetric ? Bounds.Negate() : Bounds;

    /// <summary>This range and another over the same distance as one: the values within both.</summary>
    public DistanceRange Merge(DistanceRange other) => this with { Bounds = Bounds.Intersect(other.Bounds), Text = Text + " AND " + other.Text };
}
