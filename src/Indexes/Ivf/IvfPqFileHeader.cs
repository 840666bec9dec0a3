using System.Buffers.Binary;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>The fixed 72-byte header of an IVFPQ index file; all integers little-endian.</summary>
/// <remarks>
/// Version 2 added <see cref="StoresVectors"/> (bytes 64-67): a database's index holds no original
/// vectors. Version 1 files, which always held them, are rejected; Storage then rebuilds the index
/// from its table, as it does for a damaged file.
/// </remarks>
internal readonly record struct IvfPqFileHeader(
    VectorElement Element,
    int Dimensions,
    Metric Metric,
    int Lists,
    int NProbe,
    int Seed,
    int TrainingSamplePerList,
    int M,
    int Refine,
    long LiveCount,
    long Stamp,
    bool StoresVectors)
{
    public const int Size = 72;
    public const int CurrentVersion = 2;

    /// <summary>Bytes 0-7: the file kind.</summary>
    public static ReadOnlySpan<byte> Magic => "VSIVFPQ1"u8;

    private const int VersionOffset = 8;          // int32
    private const int ElementOffset = 12;         // int32 VectorElement
    private const int DimensionsOffset = 16;      // int32
    private const int MetricOffset = 20;          // int32 Metric
    private const int ListsOffset = 24;           // int32
    private const int NProbeOffset = 28;          // int32
    private const int SeedOffset = 32;            // int32
    private const int SampleOffset = 36;          // int32 training sample per list
    private const int MOffset = 40;               // int32 bytes per code
    private const int RefineOffset = 44;          // int32 refine factor
    private const int LiveCountOffset = 48;       // int64
    private const int StampOffset = 56;           // int64 chosen by the caller
    private const int FlagsOffset = 64;           // int32, bit 0: original vectors follow each list's codes; 68-71 zero

    private const int StoresVectorsFlag = 1;

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], CurrentVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ElementOffset..], (int)Element);
        BinaryPrimitives.WriteInt32LittleEndian(destination[DimensionsOffset..], Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(destination[MetricOffset..], (int)Metric);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ListsOffset..], Lists);
        BinaryPrimitives.WriteInt32LittleEndian(destination[NProbeOffset..], NProbe);
        BinaryPrimitives.WriteInt32LittleEndian(destination[SeedOffset..], Seed);
        BinaryPrimitives.WriteInt32LittleEndian(destination[SampleOffset..], TrainingSamplePerList);
        BinaryPrimitives.WriteInt32LittleEndian(destination[MOffset..], M);
        BinaryPrimitives.WriteInt32LittleEndian(destination[RefineOffset..], Refine);
        BinaryPrimitives.WriteInt64LittleEndian(destination[LiveCountOffset..], LiveCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[StampOffset..], Stamp);
        BinaryPrimitives.WriteInt32LittleEndian(destination[FlagsOffset..], StoresVectors ? StoresVectorsFlag : 0);
    }

    /// <summary>Reads a header, checking magic, version and flags only; the caller checks the values.</summary>
    /// <exception cref="InvalidDataException">The magic, version or flags are wrong.</exception>
    public static IvfPqFileHeader Read(ReadOnlySpan<byte> source, string path)
    {
        if (!source[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a VecStore IVFPQ index file: its first bytes are not the magic 'VSIVFPQ1'.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(source[VersionOffset..]);
        if (version != CurrentVersion)
        {
            throw new InvalidDataException($"'{path}' is an IVFPQ index file of format version {version}; this build reads version {CurrentVersion}.");
        }

        int flags = BinaryPrimitives.ReadInt32LittleEndian(source[FlagsOffset..]);
        if ((flags & ~StoresVectorsFlag) != 0 || BinaryPrimitives.ReadInt32LittleEndian(source[(FlagsOffset + 4)..]) != 0)
        {
            throw new InvalidDataException($"'{path}' has unknown IVFPQ header flags {flags:x8}.");
        }

        return new IvfPqFileHeader(
            (VectorElement)BinaryPrimitives.ReadInt32LittleEndian(source[ElementOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[DimensionsOffset..]),
            (Metric)BinaryPrimitives.ReadInt32LittleEndian(source[MetricOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[ListsOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[NProbeOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[SeedOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[SampleOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[MOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[RefineOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[LiveCountOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[StampOffset..]),
            (flags & StoresVectorsFlag) != 0);
    }
}
