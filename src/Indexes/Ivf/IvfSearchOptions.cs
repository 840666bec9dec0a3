namespace VecStore.Indexes.Ivf;

/// <summary>Per-search knobs of an IVF index, spelled as in SQL <c>WITH (nprobe = 16)</c>.</summary>
/// <param name="NProbe">Lists scanned, nearest centroids first; capped at the number of lists. Larger finds more true neighbours, slower.</param>
public sealed record IvfSearchOptions(int NProbe);
