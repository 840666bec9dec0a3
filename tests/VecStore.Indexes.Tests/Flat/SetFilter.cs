namespace VecStore.Indexes.Tests.Flat;

/// <summary>A struct filter accepting the ids in a set, as a WHERE clause over a few rows would.</summary>
internal readonly struct SetFilter(HashSet<long> accepted) : IRowFilter
{
    public bool Accepts(long id) => accepted.Contains(id);
}
