using System.Buffers.Binary;
using System.IO.Hashing;
using VecStore.Indexes;

namespace VecStore.Storage.Pages;

/// <summary>The 64-byte header at the start of every data page of the vector file.</summary>
/// <remarks>
/// Layout (little-endian), the same table as docs/format.md:
/// <code>
///  0-3   magic "VSPG"
///  4-5   kind (u16): 0 free, 1 vector slots
///  6-7   element type (u16): 4 float32, 2 float16, 1 bits packed in 64-bit words
///  8-15  column id (i64) that owns the page
/// 16-19  page index within the column (u32): slots [index*capacity, (index+1)*capacity)
/// 20-23  dimensions (u32)
/// 24-27  slot capacity (u32)
/// 28-31  reserved
/// 32-39  LSN of the checkpoint that last wrote the page (i64)
/// 40-47  checksum (u64): XxHash3 of bytes 48..page end, seeded with XxHash3 of bytes 0-39
/// 48-55  LSN of the checkpoint that gave the page to its column (i64; 0 in pages written before it was kept)
/// 56-63  reserved
/// </code>
/// The body follows: a live bitmap, the row id of every slot, then the vectors (see <see cref="SlotLayout"/>).
/// </remarks>
internal static class PageHeader
{
    public const int Size = 64;
    public const ushort KindFree = 0;
    public const ushort KindVectors = 1;
    private const int KindOffset = 4;
    private const int ElementSizeOffset = 6;
    private const int ColumnIdOffset = 8;
    private const int PageIndexOffset = 16;
    private const int DimensionsOffset = 20;
    private const int CapacityOffset = 24;
    private const int LsnOffset = 32;
    private const int ChecksumOffset = 40;
    private const int AllocatedLsnOffset = 48;
    private const int ChecksummedBodyOffset = 48;
    private static ReadOnlySpan<byte> Magic => "VSPG"u8;

    public static bool HasMagic(ReadOnlySpan<byte> page) => page[..4].SequenceEqual(Magic);
    public static ushort Kind(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt16LittleEndian(page[KindOffset..]);
    public static long ColumnId(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadInt64LittleEndian(page[ColumnIdOffset..]);
    public static int PageIndex(ReadOnlySpan<byte> page) => (int)BinaryPrimitives.ReadUInt32LittleEndian(page[PageIndexOffset..]);
    public static int Dimensions(ReadOnlySpan<byte> page) => (int)BinaryPrimitives.ReadUInt32LittleEndian(page[DimensionsOffset..]);
    public static int Capacity(ReadOnlySpan<byte> page) => (int)BinaryPrimitives.ReadUInt32LittleEndian(page[CapacityOffset..]);

    /// <summary>The LSN of the checkpoint that gave the page to its column; 0 when not known.</summary>
    /// <remarks>
    /// Above the vector file's checkpoint LSN it says that a checkpoint which never committed
    /// initialised the page: what else the page holds may be the previous owner's (a tear can
    /// separate the header from the live bitmap), so recovery initialises it again.
    /// </remarks>
    public static long AllocatedLsn(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadInt64LittleEndian(page[AllocatedLsnOffset..]);
    /// <summary>The element type of the page's vectors, or null for an unknown code.</summary>
    public static VectorElement? Element(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt16LittleEndian(page[ElementSizeOffset..]) switch
    {
        4 => VectorElement.Float32,
        2 => VectorElement.Float16,
        1 => VectorElement.Bit,
        _ => null,
    };

    private static ushort ElementCode(VectorElement element) => element switch
    {
        VectorElement.Float16 => 2,
        VectorElement.Bit => 1,
        _ => 4,
    };

    /// <summary>Writes a fresh header for a page that now belongs to a column, with no live slot.</summary>
    /// <remarks>Only the header, live bitmap and row ids are cleared: a vector is read only when its live bit is set.</remarks>
    /// <param name="allocatedLsn">The LSN of the checkpoint giving the page to the column.</param>
    public static void Initialize(Span<byte> page, long columnId, int pageIndex, in SlotLayout layout, long allocatedLsn)
    {
        page[..layout.VectorOffset].Clear();
        Magic.CopyTo(page);
        BinaryPrimitives.WriteUInt16LittleEndian(page[KindOffset..], KindVectors);
        BinaryPrimitives.WriteUInt16LittleEndian(page[ElementSizeOffset..], ElementCode(layout.Element));
        BinaryPrimitives.WriteInt64LittleEndian(page[ColumnIdOffset..], columnId);
        BinaryPrimitives.WriteUInt32LittleEndian(page[PageIndexOffset..], (uint)pageIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(page[DimensionsOffset..], (uint)layout.Dimensions);
        BinaryPrimitives.WriteUInt32LittleEndian(page[CapacityOffset..], (uint)layout.Capacity);
        BinaryPrimitives.WriteInt64LittleEndian(page[AllocatedLsnOffset..], allocatedLsn);
    }

    /// <summary>Marks a page free so a later checkpoint can give it to another column.</summary>
    public static void MarkFree(Span<byte> page)
    {
        page[..Size].Clear();
        Magic.CopyTo(page);
        BinaryPrimitives.WriteUInt16LittleEndian(page[KindOffset..], KindFree);
    }

    /// <summary>Stamps the page with the checkpoint LSN and its checksum; the last step of writing it.</summary>
    public static void Seal(Span<byte> page, long lsn)
    {
        BinaryPrimitives.WriteInt64LittleEndian(page[LsnOffset..], lsn);
        BinaryPrimitives.WriteUInt64LittleEndian(page[ChecksumOffset..], ComputeChecksum(page));
    }

    public static bool ChecksumMatches(ReadOnlySpan<byte> page)
        => BinaryPrimitives.ReadUInt64LittleEndian(page[ChecksumOffset..]) == ComputeChecksum(page);

    private static ulong ComputeChecksum(ReadOnlySpan<byte> page)
    {
        long seed = (long)XxHash3.HashToUInt64(page[..ChecksumOffset]);
        return XxHash3.HashToUInt64(page[ChecksummedBodyOffset..], seed);
    }
}
