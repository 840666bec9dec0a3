using VecStore.Indexes;
using VecStore.Storage.Queries;

namespace VecStore.QueryLanguage.Execution;

/// <summary>The nearest vectors a batched scan found for one query, and the filter's candidates they came from.</summary>
internal sealed record Ranking(Neighbor[] Neighbors, List<Candidate>? Candidates);
