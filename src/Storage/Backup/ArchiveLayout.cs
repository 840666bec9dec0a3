using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace VecStore.Storage.Backup;

/// <summary>The byte layout of a backup archive (<c>.vdbz</c>): header, zstd frames, manifest (docs/format.md, "Backup archive").</summary>
/// <remarks>
/// Header, 64 bytes, little-endian:
/// <code>
///  0-7   magic "VSBACKUP"
///  8-11  format version (u32) = 1
/// 12-15  entry count (u32)
/// 16-23  manifest offset (i64)
/// 24-31  manifest length (i64); the manifest ends the file
/// 32-39  snapshot LSN of the backup (i64)
/// 40-47  XxHash3-64 of the manifest
/// 48-55  reserved, zero
/// 56-63  XxHash3-64 of bytes 0-55
/// </code>
/// The entries' zstd frames follow from byte 64, back to back, then the manifest: per entry a u16
/// name length, the UTF-8 name, then offset, compressed length and raw length (i64 each), raw hash
/// and compressed hash (u64 each).
/// </remarks>
internal static class ArchiveLayout
{
    public const int HeaderSize = 64;
    public const uint FormatVersion = 1;
    public const int MaxEntries = 16;
    public const int MaxNameBytes = 64;
    public const int MaxManifestBytes = 64 * 1024;
    public static ReadOnlySpan<byte> Magic => "VSBACKUP"u8;

    /// <summary>What the header says, once its checksum held.</summary>
    public readonly record struct Header(uint Version, int EntryCount, long ManifestOffset, long ManifestLength, long SnapshotLsn, ulong ManifestHash);

    public static void WriteHeader(Span<byte> bytes, in Header header)
    {
        bytes[..HeaderSize].Clear();
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], header.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], (uint)header.EntryCount);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], header.ManifestOffset);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], header.ManifestLength);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[32..], header.SnapshotLsn);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], header.ManifestHash);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[56..], XxHash3.HashToUInt64(bytes[..56]));
    }

    /// <summary>The header, or null with <paramref name="problem"/> saying why it cannot be trusted.</summary>
    public static Header? ReadHeader(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        if (!bytes[..8].SequenceEqual(Magic))
        {
            problem = "it does not start with VSBACKUP";
            return null;
        }
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes[56..]) != XxHash3.HashToUInt64(bytes[..56]))
        {
            problem = "the checksum of its header does not match";
            return null;
        }
        return new Header(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]),
            (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..])),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[40..]));
    }

    public static byte[] WriteManifest(IReadOnlyList<ArchiveEntry> entries)
    {
        using var buffer = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        foreach (var entry in entries)
        {
            var name = Encoding.UTF8.GetBytes(entry.Name);
            BinaryPrimitives.WriteUInt16LittleEndian(number, (ushort)name.Length);
            buffer.Write(number[..2]);
            buffer.Write(name);
            foreach (long value in (ReadOnlySpan<long>)[entry.Offset, entry.CompressedLength, entry.RawLength, (long)entry.RawHash, (long)entry.CompressedHash])
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, value);
                buffer.Write(number);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The entries of a manifest whose checksum held, or null with <paramref name="problem"/> when they do not fit together.</summary>
    public static List<ArchiveEntry>? ReadManifest(ReadOnlySpan<byte> manifest, int count, long manifestOffset, out string? problem)
    {
        problem = null;
        var entries = new List<ArchiveEntry>(count);
        long expectedOffset = HeaderSize;
        for (int i = 0; i < count; i++)
        {
            if (manifest.Length < 2)
                return Fail("the manifest ends inside an entry", out problem);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(manifest);
            if (nameLength is 0 or > MaxNameBytes || manifest.Length < 2 + nameLength + 40)
                return Fail("the manifest ends inside an entry", out problem);
            string name = Encoding.UTF8.GetString(manifest.Slice(2, nameLength));
            var numbers = manifest.Slice(2 + nameLength, 40);
            var entry = new ArchiveEntry(name,
                BinaryPrimitives.ReadInt64LittleEndian(numbers),
                BinaryPrimitives.ReadInt64LittleEndian(numbers[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(numbers[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(numbers[24..]),
                BinaryPrimitives.ReadUInt64LittleEndian(numbers[32..]));
            if (entry.Offset != expectedOffset || entry.CompressedLength <= 0 || entry.RawLength < 0
                || entry.CompressedLength > manifestOffset - entry.Offset)
                return Fail($"entry '{name}' does not lie where the manifest says", out problem);
            expectedOffset = entry.Offset + entry.CompressedLength;
            entries.Add(entry);
            manifest = manifest[(2 + nameLength + 40)..];
        }
        if (expectedOffset != manifestOffset || manifest.Length != 0)
            return Fail("the entries and the manifest do not fill the file exactly", out problem);
        return entries;
    }

    private static List<ArchiveEntry>? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
