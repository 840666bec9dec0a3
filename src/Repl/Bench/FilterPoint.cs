namespace VecStore.Repl.Bench;

/// <summary>One measured point of filtered mode: a filter, a strategy, and what the queries got.</summary>
/// <param name="Kind">Independent or correlated filter.</param>
/// <param name="Selectivity">The share of rows the filter was asked to pass.</param>
/// <param name="PassingRows">How many rows it passes.</param>
/// <param name="Strategy"><c>auto</c> (the planner) or the forced strategy.</param>
/// <param name="Queries">Queries timed.</param>
/// <param name="Qps">Queries over the summed call times.</param>
/// <param name="MeanLatencyMs">Mean call time.</param>
/// <param name="Recall">Recall@10 against the exact neighbours among the passing rows.</param>
/// <param name="MeanRows">Rows returned per query, on average.</param>
/// <param name="MinRows">Fewest rows any query returned.</param>
/// <param name="ExpectedRows">min(k, passing rows): what every query must return.</param>
/// <param name="Ranking">How the first query was ranked, from EXPLAIN ANALYZE.</param>
internal sealed record FilterPoint(FilterKind Kind, double Selectivity, int PassingRows, string Strategy, int Queries, double Qps, double MeanLatencyMs,
    double Recall, double MeanRows, int MinRows, int ExpectedRows, string Ranking);
