namespace VecStore.Repl.Bench;

/// <summary>One measured point: how fast and how accurate the searches of one mode and one set of search parameters were.</summary>
/// <param name="Mode"><c>single</c> or <c>batch</c>.</param>
/// <param name="Threads">Threads one search could use.</param>
/// <param name="Queries">Queries timed (and checked for recall).</param>
/// <param name="Qps">Queries per second: queries over summed call time (single), or over the best run (batch).</param>
/// <param name="MeanLatencyMs">Mean time of one call, single mode only.</param>
/// <param name="P99LatencyMs">99th percentile of one call, single mode only.</param>
/// <param name="Recall">recall@10 over the queries timed.</param>
/// <param name="SearchParameters">The search parameters of this point (a sweep value), empty for none.</param>
internal sealed record Measurement(string Mode, int Threads, int Queries, double Qps, double? MeanLatencyMs, double? P99LatencyMs, double Recall, IReadOnlyList<IndexOption> SearchParameters);
