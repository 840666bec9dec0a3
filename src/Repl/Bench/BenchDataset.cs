namespace VecStore.Repl.Bench;

/// <summary>What a benchmark searches: base vectors, query vectors, and the exact neighbours of each query.</summary>
/// <param name="Name">The dataset's name as results record it: <c>fashion-mnist</c>, <c>synth:n=2000,d=16,...</c>.</param>
/// <param name="Metric">The metric the dataset and its ground truth use.</param>
/// <param name="Base">The vectors loaded into the table; row i gets id i.</param>
/// <param name="Queries">The search vectors, never part of <paramref name="Base"/>.</param>
/// <param name="GroundTruth">For each query, its exact nearest base rows under <paramref name="Metric"/>, best first.</param>
/// <param name="Source">Where the vectors came from, for the report.</param>
internal sealed record BenchDataset(string Name, BenchMetric Metric, VectorMatrix Base, VectorMatrix Queries, NeighborLists GroundTruth, string Source);
