namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>A filter passing only even ids.</summary>
internal readonly struct EvenIds : IRowFilter
{
    public bool Accepts(long id) => (id & 1) == 0;
}
