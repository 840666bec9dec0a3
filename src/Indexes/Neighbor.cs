namespace VecStore.Indexes;

/// <summary>A search result: the id of a stored vector and its distance to the query.</summary>
/// <remarks>
/// Ids are the opaque vector ids of an <see cref="IVectorSource"/> (Storage uses slot numbers). The
/// distance is a double: float32 kernels compute it, and where float32 overflows or underflows
/// (<see cref="Distance.ScoreReliability"/>) it is computed in double, whose range holds the distance
/// of any two finite float32 vectors. The record is 16 bytes either way.
/// </remarks>
public readonly record struct Neighbor(long Id, double Distance);
