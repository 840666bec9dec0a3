namespace VecStore.Indexes;

/// <summary>Decides which vector ids a search may return.</summary>
/// <remarks>Searches take the filter as a struct type parameter so that an unfiltered search pays nothing.</remarks>
public interface IRowFilter
{
    /// <summary>True when the vector with this id may be returned.</summary>
    bool Accepts(long id);
}

/// <summary>The filter that accepts every id.</summary>
public readonly struct AcceptAll : IRowFilter
{
    /// <inheritdoc />
    public bool Accepts(long id) => true;
}
