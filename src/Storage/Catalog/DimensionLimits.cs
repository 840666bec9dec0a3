using System.Globalization;
using VecStore.Indexes;
using VecStore.Storage.Pages;

namespace VecStore.Storage.Catalog;

/// <summary>How many elements a vector column of each type may declare in a database of a given page size.</summary>
/// <remarks>
/// Each type has its own limit (docs/limits.md): 16,000 dimensions for <c>VECTOR(n)</c> and
/// <c>VECTOR(n) HALF</c>, 65,536 bits for <c>BIT(n)</c>, and in every case no more than one slot of a
/// page holds. The smallest page (64 KiB) holds 16,320 float32 dimensions and 522,240 bits, so the
/// page never binds below these numbers today; the check stays for any layout that would.
/// </remarks>
/// <param name="PageSize">Bytes per page of the database's vector file.</param>
public readonly record struct DimensionLimits(int PageSize)
{
    /// <summary>Dimensions of a <c>VECTOR(n)</c> or <c>VECTOR(n) HALF</c> column.</summary>
    public const int MaxVectorDimensions = 16_000;

    /// <summary>Bits of a <c>BIT(n)</c> column: 8 KiB a vector.</summary>
    public const int MaxBits = 65_536;

    /// <summary>The largest count a column of <paramref name="element"/> may declare.</summary>
    public int Max(VectorElement element) =>
        Math.Min(element == VectorElement.Bit ? MaxBits : MaxVectorDimensions, SlotLayout.MaxDimensions(element, PageSize));

    /// <summary>Why <paramref name="declared"/> elements of <paramref name="element"/> are refused (VECSQL0109), naming the type and its own limit; null when they are allowed.</summary>
    public string? Problem(VectorElement element, long declared)
    {
        int max = Max(element);
        if (declared >= 1 && declared <= max)
            return null;
        var invariant = CultureInfo.InvariantCulture;
        return element switch
        {
            VectorElement.Bit => string.Create(invariant, $"BIT({declared}) is out of range: a BIT column has 1 to {max} bits"),
            VectorElement.Float16 => string.Create(invariant, $"VECTOR({declared}) HALF is out of range: a VECTOR column has 1 to {max} dimensions"),
            _ => string.Create(invariant, $"VECTOR({declared}) is out of range: a VECTOR column has 1 to {max} dimensions"),
        };
    }
}
