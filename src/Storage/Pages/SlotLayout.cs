using VecStore.Indexes;

namespace VecStore.Storage.Pages;

/// <summary>Where the slots of a vector column sit inside one page of a given size.</summary>
/// <remarks>
/// A page body holds, after the 64-byte header: a live bitmap (one bit per slot, in whole
/// 64-bit words), the row id of each slot (i64), then the vectors back to back. The row id
/// array and the vectors start on 64-byte boundaries so scans read aligned cache lines.
/// </remarks>
internal readonly record struct SlotLayout(VectorElement Element, int Dimensions, int Capacity, int LiveOffset, int RowIdOffset, int VectorOffset)
{
    /// <summary>Bytes of one stored vector.</summary>
    public int VectorBytes => VectorElements.BytesPerVector(Element, Dimensions);

    /// <summary>Number of 64-bit words in the live bitmap.</summary>
    public int LiveWords => (Capacity + 63) >> 6;

    /// <summary>The most slots of <paramref name="dimensions"/> elements that fit a page of <paramref name="pageSize"/> bytes.</summary>
    public static SlotLayout For(VectorElement element, int dimensions, int pageSize)
    {
        int vectorBytes = VectorElements.BytesPerVector(element, dimensions);
        int capacity = (int)((pageSize - PageHeader.Size) / (vectorBytes + 8 + 0.125));
        while (capacity > 0)
        {
            var layout = Place(element, dimensions, capacity);
            if (layout.VectorOffset + (long)capacity * vectorBytes <= pageSize)
                return layout;
            capacity--;
        }
        throw new ArgumentOutOfRangeException(nameof(dimensions), "a vector of this many dimensions does not fit one page");
    }

    /// <summary>Largest number of <paramref name="element"/> values that fits at least one slot in a page.</summary>
    /// <remarks>One slot needs the header, a live word and a row id, each region aligned to 64 bytes: 192 bytes beside the vector.</remarks>
    public static int MaxDimensions(VectorElement element, int pageSize)
    {
        long bytes = pageSize - PageHeader.Size - 64 - 64 - 64;
        long count = element switch
        {
            VectorElement.Bit => bytes / 8 * 64,
            VectorElement.Float16 => bytes / sizeof(ushort),
            _ => bytes / sizeof(float),
        };
        return (int)Math.Min(count, int.MaxValue);
    }

    private static SlotLayout Place(VectorElement element, int dimensions, int capacity)
    {
        int live = PageHeader.Size;
        int rowIds = Align64(live + ((capacity + 63) >> 6) * 8);
        int vectors = Align64(rowIds + capacity * 8);
        return new SlotLayout(element, dimensions, capacity, live, rowIds, vectors);
    }

    private static int Align64(int offset) => (offset + 63) & ~63;
}
