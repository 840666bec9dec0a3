using VecStore.Indexes;
using VecStore.Indexes.Distance;
using VecStore.QueryLanguage.Diagnostics;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding.Bound;

/// <summary>A distance between a vector column and a query vector, e.g. <c>distance(embedding, @q)</c>.</summary>
/// <remarks>The query is float32 for every column type; for a BIT column it holds one 0 or 1 per bit.</remarks>
/// <param name="Text">The call as written, for column names and EXPLAIN.</param>
internal sealed record DistanceCall(DistanceFunction Function, ColumnSchema Column, float[] Query, string Text, SourceSpan Span)
{
    /// <summary>The metric an index orders by to produce this function's order.</summary>
    public Metric Metric => DistanceFunctions.MetricOf(Function);

    /// <summary>True when ascending values of the function mean descending values of the metric's distance.</summary>
    /// <remarks>Only <c>inner_product</c>: its value is the dot product, the metric's distance is its negation.</remarks>
    public bool ReversesMetric => Function == DistanceFunction.InnerProduct;

    /// <summary>The function's value given the metric's distance.</summary>
    public double FromMetricDistance(double distance) => ReversesMetric ? -distance : distance;

    /// <summary>The function's value for a stored vector in its column's encoding.</summary>
    public double Evaluate(ReadOnlySpan<byte> stored) => FromMetricDistance(DistanceKernels.Distance(Metric, Query, stored, Column.Element));

    /// <summary>The function's value for a vector as a reader returns it (float[], or bool[] for BIT).</summary>
    public double EvaluateValue(object value) => value switch
    {
        float[] floats when Column.Element != VectorElement.Bit
            => FromMetricDistance(DistanceKernels.Distance(Metric, Query, System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()), VectorElement.Float32)),
        bool[] bits => Evaluate(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Binding.VectorEncoding.PackBits(bits).AsSpan())),
        _ => throw new ArgumentException("not a vector value: " + value.GetType().Name, nameof(value)),
    };

    /// <summary>True when two calls compute the same thing (so one result can serve both).</summary>
    public bool SameAs(DistanceCall other)
        => Function == other.Function && Column.ColumnId == other.Column.ColumnId && Query.AsSpan().SequenceEqual(other.Query);
}
