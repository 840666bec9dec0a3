namespace VecStore.Repl.Bench;

/// <summary>One measured point of any library, as the comparison and the plot see it.</summary>
/// <param name="Label">The series it belongs to, as summarize.py labels it: library, index, and the PQ m, k_factor and subset that tell configurations apart.</param>
/// <param name="Family">The index family: flat, ivf, ivfpq or hnsw (<see cref="IndexFamily"/>).</param>
/// <param name="Mode"><c>single</c> or <c>batch</c>.</param>
/// <param name="Threads">Search threads.</param>
/// <param name="Qps">Queries per second.</param>
/// <param name="Recall">recall@10.</param>
internal sealed record ResultPoint(string Label, string Family, string Mode, int Threads, double Qps, double Recall)
{
    /// <summary>The point of one of this run's results.</summary>
    public static ResultPoint From(BenchResult result) => new(
        "vecstore " + result.Index, IndexFamily.Of(result.Index), result.Point.Mode, result.Point.Threads, result.Point.Qps, result.Point.Recall);
}
