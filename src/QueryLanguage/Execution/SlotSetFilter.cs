using VecStore.Indexes;

namespace VecStore.QueryLanguage.Execution;

/// <summary>Accepts the vector slots of the rows that passed a SQL filter; one bit per slot.</summary>
internal readonly struct SlotSetFilter(ulong[] bits) : IRowFilter
{
    public bool Accepts(long id)
    {
        ulong word = (ulong)(id >> 6);
        return word < (ulong)bits.Length && (bits[word] & (1UL << (int)(id & 63))) != 0;
    }
}
