namespace VecStore.Indexes;

/// <summary>A search result: the id of a stored vector and its distance to the query.</summary>
/// <remarks>Ids are the opaque vector ids of an <see cref="IVectorSource"/> (Storage uses slot numbers).</remarks>
public readonly record struct Neighbor(long Id, float Distance);
