namespace VecStore.Indexes.Ivf;

/// <summary>The published entries of an <see cref="InvertedList"/> as a search sees them.</summary>
internal readonly ref struct ListView
{
    public ListView(ReadOnlySpan<byte> data, ReadOnlySpan<long> ids, ReadOnlySpan<ulong> deleted, int count)
    {
        Data = data;
        Ids = ids;
        Deleted = deleted;
        Count = count;
    }

    public ReadOnlySpan<byte> Data { get; }

    public ReadOnlySpan<long> Ids { get; }

    /// <summary>Tombstone bits, or empty when the list had none when it was read.</summary>
    public ReadOnlySpan<ulong> Deleted { get; }

    public int Count { get; }

    public bool IsDeleted(int position) => !Deleted.IsEmpty && (Deleted[position >> 6] & (1UL << (position & 63))) != 0;
}
