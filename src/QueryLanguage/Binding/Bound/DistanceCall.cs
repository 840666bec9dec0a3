using VecStore.Indexes.Distance;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>A distance between a vector column and a query vector, e.g. <c>distance(embedding, @q)</c>.</summary>
/// <param name="Text">The call as written, for column names and EXPLAIN.</param>
internal sealed record DistanceCall(DistanceFunction Function, ColumnSchema Column, float[] Query, string Text, SourceSpan Span)
{
    /// <summary>The metric an index orders by to produce this function's order.</summary>
    public Metric Metric => Function switch
    {
        DistanceFunction.L2 => Metric.L2,
        DistanceFunction.Cosine => Metric.Cosine,
        _ => Metric.InnerProduct,
    };

    /// <summary>True when ascending values of the function mean descending values of the metric's distance.</summary>
    /// <remarks>Only <c>inner_product</c>: its value is the dot product, the metric's distance is its negation.</remarks>
    public bool ReversesMetric => Function == DistanceFunction.InnerProduct;

    /// <summary>The function's value given the metric's distance.</summary>
    public double FromMetricDistance(float distance) => ReversesMetric ? -(double)distance : distance;

    /// <summary>The function's value for a stored vector.</summary>
    public double Evaluate(ReadOnlySpan<float> vector) => FromMetricDistance(DistanceKernels.Distance(Metric, vector, Query));

    /// <summary>True when two calls compute the same thing (so one result can serve both).</summary>
    public bool SameAs(DistanceCall other)
        => Function == other.Function && Column.ColumnId == other.Column.ColumnId && Query.AsSpan().SequenceEqual(other.Query);
}
