using System.IO.Hashing;
using ZstdSharp;

namespace VecStore.Storage.Backup;

/// <summary>Reads a backup archive, trusting nothing: header, manifest and every frame are checked before a byte is used.</summary>
/// <remarks>
/// <see cref="Open"/> checks the header and the manifest, then hashes every compressed frame, so a
/// damaged, truncated or foreign file is reported (CorruptArchive, naming the file) before anything
/// is written. <see cref="Extract"/> checks each file's size and hash again as it decompresses.
/// </remarks>
internal sealed class ArchiveReader : IDisposable
{
    private readonly FileStream _file;
    private readonly string _displayName;

    private ArchiveReader(FileStream file, string displayName, long snapshotLsn, List<ArchiveEntry> entries)
    {
        _file = file;
        _displayName = displayName;
        SnapshotLsn = snapshotLsn;
        Entries = entries;
    }

    /// <summary>The LSN the backup's snapshot was taken at.</summary>
    public long SnapshotLsn { get; }

    public IReadOnlyList<ArchiveEntry> Entries { get; }

    // Reading and decompressing report (and may stop) after this many 64 KiB buffers: every 4 MiB.
    private const int BuffersBetweenReports = 64;

    /// <summary>Opens and verifies an archive; <paramref name="displayName"/> is the path as the user wrote it.</summary>
    /// <remarks>The checksums are read through <paramref name="monitor"/>, which reports the bytes read and may stop the verification.</remarks>
    public static ArchiveReader Open(string path, string displayName, StatementMonitor? monitor = null)
    {
        monitor ??= StatementMonitor.None;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var reader = Verify(file, displayName, monitor);
            return reader;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The entry named <paramref name="name"/>; a missing one means the archive is not a whole backup.</summary>
    public ArchiveEntry Entry(string name)
    {
        foreach (var entry in Entries)
            if (entry.Name == name)
                return entry;
        throw VecStoreException.CorruptArchive(_displayName, $"it has no '{name}' entry");
    }

    /// <summary>Decompresses an entry into a new file at <paramref name="destination"/>, checking its size and hash.</summary>
    /// <remarks>Reports the bytes written through <paramref name="monitor"/>, which may stop the extraction (the caller deletes the partial file).</remarks>
    public void Extract(ArchiveEntry entry, string destination, StatementMonitor? monitor = null)
    {
        monitor ??= StatementMonitor.None;
        monitor.Begin($"restoring the {entry.Name} file (bytes)", entry.RawLength);
        _file.Position = entry.Offset;
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var hash = new XxHash3();
        var buffer = new byte[1 << 16];
        long left = entry.RawLength;
        try
        {
            using var zstd = new DecompressionStream(_file, leaveOpen: true);
            for (long buffers = 0; left > 0; buffers++)
            {
                if (buffers % BuffersBetweenReports == 0)
                    monitor.Report(entry.RawLength - left);
                int read = zstd.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                    throw VecStoreException.CorruptArchive(_displayName, $"entry '{entry.Name}' ends {left} bytes early");
                hash.Append(buffer.AsSpan(0, read));
                output.Write(buffer, 0, read);
                left -= read;
            }
        }
        catch (ZstdException ex)
        {
            throw VecStoreException.CorruptArchive(_displayName, $"entry '{entry.Name}' does not decompress: {ex.Message}");
        }
        if (hash.GetCurrentHashAsUInt64() != entry.RawHash)
            throw VecStoreException.CorruptArchive(_displayName, $"entry '{entry.Name}' decompresses to bytes whose checksum does not match");
        output.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();

    private static ArchiveReader Verify(FileStream file, string displayName, StatementMonitor monitor)
    {
        long length = file.Length;
        var headerBytes = new byte[ArchiveLayout.HeaderSize];
        if (length < ArchiveLayout.HeaderSize || file.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
            throw VecStoreException.CorruptArchive(displayName, $"it is {length} bytes long, shorter than an archive header");
        var header = ArchiveLayout.ReadHeader(headerBytes, out var problem)
            ?? throw VecStoreException.CorruptArchive(displayName, problem!);
        if (header.Version != ArchiveLayout.FormatVersion)
            throw VecStoreException.UnsupportedFormatVersion(displayName, (int)Math.Min(int.MaxValue, header.Version), (int)ArchiveLayout.FormatVersion);
        if (header.EntryCount is < 1 or > ArchiveLayout.MaxEntries || header.ManifestLength is < 0 or > ArchiveLayout.MaxManifestBytes
            || header.ManifestOffset < ArchiveLayout.HeaderSize || header.ManifestOffset + header.ManifestLength != length)
            throw VecStoreException.CorruptArchive(displayName, $"its header describes {header.EntryCount} entries and a manifest that do not fit a file of {length} bytes (truncated?)");

        var manifest = new byte[header.ManifestLength];
        file.Position = header.ManifestOffset;
        file.ReadExactly(manifest);
        if (XxHash3.HashToUInt64(manifest) != header.ManifestHash)
            throw VecStoreException.CorruptArchive(displayName, "the checksum of its manifest does not match");
        var entries = ArchiveLayout.ReadManifest(manifest, header.EntryCount, header.ManifestOffset, out problem)
            ?? throw VecStoreException.CorruptArchive(displayName, problem!);

        var buffer = new byte[1 << 16];
        monitor.Begin("verifying the archive (bytes)", length);
        long verified = 0, buffers = 0;
        foreach (var entry in entries)
        {
            var hash = new XxHash3();
            file.Position = entry.Offset;
            long left = entry.CompressedLength;
            while (left > 0)
            {
                if (buffers++ % BuffersBetweenReports == 0)
                    monitor.Report(verified);
                int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                    throw VecStoreException.CorruptArchive(displayName, $"entry '{entry.Name}' is cut short");
                hash.Append(buffer.AsSpan(0, read));
                left -= read;
                verified += read;
            }
            if (hash.GetCurrentHashAsUInt64() != entry.CompressedHash)
                throw VecStoreException.CorruptArchive(displayName, $"the checksum of entry '{entry.Name}' does not match");
        }
        return new ArchiveReader(file, displayName, header.SnapshotLsn, entries);
    }
}
