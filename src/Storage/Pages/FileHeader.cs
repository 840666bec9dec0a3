using System.Buffers.Binary;
using System.IO.Hashing;

namespace VecStore.Storage.Pages;

/// <summary>The header of a vector file, held in page 0.</summary>
/// <remarks>
/// Layout (little-endian), the same table as docs/format.md:
/// <code>
///  0-7   magic "VSVECTOR"
///  8-11  format version (u32)
/// 12-15  page size in bytes (u32)
/// 16-31  database id (GUID), equal to the one in the SQLite file's _vs_meta
/// 32-39  checkpoint LSN (i64): every log record up to it is in the pages
/// 40-47  change counter (i64): raised by every header write, so another process can tell the pages changed
/// 48-55  checksum (XxHash3 of bytes 0-47)
/// </code>
/// </remarks>
internal readonly record struct FileHeader(uint FormatVersion, int PageSize, Guid DatabaseId, long CheckpointLsn)
{
    public const int CurrentFormatVersion = 1;
    public const int Size = 56;
    private const int VersionOffset = 8;
    private const int PageSizeOffset = 12;
    private const int DatabaseIdOffset = 16;
    private const int CheckpointLsnOffset = 32;
    private const int GenerationOffset = 40;
    private const int ChecksumOffset = 48;
    private static ReadOnlySpan<byte> Magic => "VSVECTOR"u8;

    /// <summary>How many times the header has been written (0 in files from before the counter existed).</summary>
    public long Generation { get; init; }

    public void Write(Span<byte> page)
    {
        page[..Size].Clear();
        Magic.CopyTo(page);
        BinaryPrimitives.WriteUInt32LittleEndian(page[VersionOffset..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(page[PageSizeOffset..], PageSize);
        DatabaseId.TryWriteBytes(page.Slice(DatabaseIdOffset, 16));
        BinaryPrimitives.WriteInt64LittleEndian(page[CheckpointLsnOffset..], CheckpointLsn);
        BinaryPrimitives.WriteInt64LittleEndian(page[GenerationOffset..], Generation);
        BinaryPrimitives.WriteUInt64LittleEndian(page[ChecksumOffset..], XxHash3.HashToUInt64(page[..ChecksumOffset]));
    }

    /// <summary>Reads and checks a header; returns a reason instead of a header when it is not valid.</summary>
    public static FileHeader? TryRead(ReadOnlySpan<byte> page, out string? problem)
    {
        problem = null;
        if (page.Length < Size || !page[..8].SequenceEqual(Magic))
        {
            problem = "it does not start with the VecStore vector file signature";
            return null;
        }
        if (BinaryPrimitives.ReadUInt64LittleEndian(page[ChecksumOffset..]) != XxHash3.HashToUInt64(page[..ChecksumOffset]))
        {
            problem = "the header checksum does not match";
            return null;
        }
        return new FileHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(page[VersionOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(page[PageSizeOffset..]),
            new Guid(page.Slice(DatabaseIdOffset, 16)),
            BinaryPrimitives.ReadInt64LittleEndian(page[CheckpointLsnOffset..]))
        {
            Generation = BinaryPrimitives.ReadInt64LittleEndian(page[GenerationOffset..]),
        };
    }
}
