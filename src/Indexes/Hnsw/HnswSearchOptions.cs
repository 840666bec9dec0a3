namespace VecStore.Indexes.Hnsw;

/// <summary>Per-search knobs of an <see cref="HnswIndex"/>, spelled as in SQL <c>WITH (ef_search = 128)</c>.</summary>
/// <param name="EfSearch">Size of the candidate list; raised to k when smaller. Larger finds more true neighbours, slower.</param>
public sealed record HnswSearchOptions(int EfSearch);
