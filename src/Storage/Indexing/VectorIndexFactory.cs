using VecStore.Indexes;
using VecStore.Indexes.Hnsw;
using VecStore.Indexes.Ivf;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Indexing;

/// <summary>Makes and opens the vector index of a catalog entry, whatever its method: the one place that knows the index types.</summary>
internal static class VectorIndexFactory
{
    /// <summary>An empty index for <paramref name="schema"/> over <paramref name="column"/>, with the parameters it was created with.</summary>
    /// <remarks>IVFPQ keeps only codes and ids: its searches re-rank from the column (<see cref="Session"/> passes the statement's view), which is what makes it small.</remarks>
    public static IUpdatableVectorIndex Create(IndexSchema schema, ColumnSchema column) => schema.Method switch
    {
        IndexMethod.Hnsw => new HnswIndex(column.Element, column.Dimensions, column.Metric, Session.HnswOptionsOf(schema)),
        IndexMethod.Ivf => new IvfIndex(column.Element, column.Dimensions, column.Metric, Session.IvfOptionsOf(schema)),
        IndexMethod.IvfPq => new IvfPqIndex(column.Element, column.Dimensions, column.Metric, Session.IvfPqOptionsOf(schema), storesVectors: false),
        _ => throw new InvalidOperationException($"index method {schema.Method} has no vector index"),
    };

    /// <summary>Reads an index file; throws InvalidDataException or IOException when it is damaged or unreadable.</summary>
    public static IUpdatableVectorIndex Load(IndexSchema schema, string path, out long stamp) => schema.Method switch
    {
        IndexMethod.Hnsw => HnswIndex.Load(path, out stamp),
        IndexMethod.Ivf => IvfIndex.Load(path, out stamp),
        IndexMethod.IvfPq => IvfPqIndex.Load(path, out stamp),
        _ => throw new InvalidOperationException($"index method {schema.Method} has no vector index"),
    };

    /// <summary>True when a loaded index was built for this column and these parameters, so it may be trusted.</summary>
    public static bool Matches(IUpdatableVectorIndex index, IndexSchema schema, ColumnSchema column)
    {
        if (index.ElementType != column.Element || index.Dimensions != column.Dimensions || index.Metric != column.Metric)
            return false;
        return index switch
        {
            HnswIndex hnsw => schema.Method == IndexMethod.Hnsw && hnsw.Options.M == Session.HnswOptionsOf(schema).M,
            IvfIndex ivf => schema.Method == IndexMethod.Ivf && ivf.Options.Lists == Session.IvfOptionsOf(schema).Lists && ivf.IsTrained,
            IvfPqIndex pq => schema.Method == IndexMethod.IvfPq && !pq.StoresVectors && pq.Options with { NProbe = 0, MaxThreads = 0, Refine = 0 } == Session.IvfPqOptionsOf(schema) with { NProbe = 0, MaxThreads = 0, Refine = 0 } && pq.IsTrained,
            _ => false,
        };
    }
}
