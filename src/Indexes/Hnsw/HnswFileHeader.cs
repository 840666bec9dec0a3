using System.Buffers.Binary;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

/// <summary>The fixed 128-byte header of an HNSW index file; all integers little-endian (layout also in docs/format.md).</summary>
internal readonly record struct HnswFileHeader(
    VectorElement Element,
    int Dimensions,
    Metric Metric,
    int M,
    int EfConstruction,
    int EfSearch,
    int Seed,
    int RecordSize,
    int MaxLevel,
    long NodeCount,
    long LiveCount,
    long EntryNode,
    long Stamp,
    long UpperLinkInts)
{
    public const int Size = 128;
    public const int CurrentVersion = 2;

    /// <summary>Bytes 0-7: the file kind.</summary>
    public static ReadOnlySpan<byte> Magic => "VSHNSW01"u8;

    private const int VersionOffset = 8;         // bytes 8-11, int32
    private const int ElementOffset = 12;        // bytes 12-15, int32 VectorElement
    private const int DimensionsOffset = 16;     // bytes 16-19, int32
    private const int MetricOffset = 20;         // bytes 20-23, int32 Metric
    private const int MOffset = 24;              // bytes 24-27, int32
    private const int EfConstructionOffset = 28; // bytes 28-31, int32
    private const int EfSearchOffset = 32;       // bytes 32-35, int32
    private const int SeedOffset = 36;           // bytes 36-39, int32
    private const int RecordSizeOffset = 40;     // bytes 40-43, int32 level-0 record bytes
    private const int MaxLevelOffset = 44;       // bytes 44-47, int32, -1 when empty
    private const int NodeCountOffset = 48;      // bytes 48-55, int64 nodes, tombstones included
    private const int LiveCountOffset = 56;      // bytes 56-63, int64
    private const int EntryNodeOffset = 64;      // bytes 64-71, int64, -1 when empty
    private const int StampOffset = 72;          // bytes 72-79, int64 chosen by the caller
    private const int UpperLinksOffset = 80;     // bytes 80-87, int64 ints in the upper-level section
                                                 // bytes 88-127 zero

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], CurrentVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ElementOffset..], (int)Element);
        BinaryPrimitives.WriteInt32LittleEndian(destination[DimensionsOffset..], Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(destination[MetricOffset..], (int)Metric);
        BinaryPrimitives.WriteInt32LittleEndian(destination[MOffset..], M);
        BinaryPrimitives.WriteInt32LittleEndian(destination[EfConstructionOffset..], EfConstruction);
        BinaryPrimitives.WriteInt32LittleEndian(destination[EfSearchOffset..], EfSearch);
        BinaryPrimitives.WriteInt32LittleEndian(destination[SeedOffset..], Seed);
        BinaryPrimitives.WriteInt32LittleEndian(destination[RecordSizeOffset..], RecordSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[MaxLevelOffset..], MaxLevel);
        BinaryPrimitives.WriteInt64LittleEndian(destination[NodeCountOffset..], NodeCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[LiveCountOffset..], LiveCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[EntryNodeOffset..], EntryNode);
        BinaryPrimitives.WriteInt64LittleEndian(destination[StampOffset..], Stamp);
        BinaryPrimitives.WriteInt64LittleEndian(destination[UpperLinksOffset..], UpperLinkInts);
    }

    /// <summary>Reads a header, checking magic and version only; the caller checks the values against each other.</summary>
    /// <exception cref="InvalidDataException">The magic or version is wrong.</exception>
    public static HnswFileHeader Read(ReadOnlySpan<byte> source, string path)
    {
        if (!source[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a VecStore HNSW index file: its first bytes are not the magic 'VSHNSW01'.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(source[VersionOffset..]);
        if (version != CurrentVersion)
        {
            throw new InvalidDataException($"'{path}' is an HNSW index file of format version {version}; this build reads version {CurrentVersion}.");
        }

        return new HnswFileHeader(
            (VectorElement)BinaryPrimitives.ReadInt32LittleEndian(source[ElementOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[DimensionsOffset..]),
            (Metric)BinaryPrimitives.ReadInt32LittleEndian(source[MetricOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[MOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[EfConstructionOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[EfSearchOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[SeedOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[RecordSizeOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[MaxLevelOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[NodeCountOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[LiveCountOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[EntryNodeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[StampOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[UpperLinksOffset..]));
    }
}
