using System.IO.Hashing;
using ZstdSharp;

namespace VecStore.Storage.Backup;

/// <summary>Writes a backup archive: each file as one zstd frame, then the manifest and the header, then fsync.</summary>
/// <remarks>The caller writes to a temporary name and renames it once <see cref="Finish"/> returned, so a failed backup never leaves a half archive under the target's name (<see cref="BackupClaim"/>).</remarks>
internal sealed class ArchiveWriter : IDisposable
{
    /// <summary>zstd's default level: vectors compress little whatever the level, the SQLite image well at this one.</summary>
    private const int CompressionLevel = 3;

    private readonly FileStream _file;
    private readonly List<ArchiveEntry> _entries = [];

    private ArchiveWriter(FileStream file) => _file = file;

    /// <summary>Starts an archive in <paramref name="file"/> (empty; its owner closes it) and reserves room for the header.</summary>
    public static ArchiveWriter Create(FileStream file)
    {
        file.Write(new byte[ArchiveLayout.HeaderSize]);
        return new ArchiveWriter(file);
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => _file.Length;

    /// <summary>Adds a file: <paramref name="writeRaw"/> writes its bytes, which are compressed and hashed on the way.</summary>
    public void Add(string name, Action<Stream> writeRaw)
    {
        long offset = _file.Position;
        var compressed = new HashingStream(_file);
        HashingStream raw;
        using (var zstd = new CompressionStream(compressed, CompressionLevel, leaveOpen: true))
        {
            raw = new HashingStream(zstd);
            writeRaw(raw);
        }
        _entries.Add(new ArchiveEntry(name, offset, compressed.Written, raw.Written, raw.Hash, compressed.Hash));
    }

    /// <summary>Writes the manifest and the header and makes the file durable.</summary>
    public void Finish(long snapshotLsn)
    {
        long manifestOffset = _file.Position;
        var manifest = ArchiveLayout.WriteManifest(_entries);
        _file.Write(manifest);
        var header = new byte[ArchiveLayout.HeaderSize];
        ArchiveLayout.WriteHeader(header, new ArchiveLayout.Header(ArchiveLayout.FormatVersion, _entries.Count,
            manifestOffset, manifest.Length, snapshotLsn, XxHash3.HashToUInt64(manifest)));
        _file.Position = 0;
        _file.Write(header);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Writes out what is buffered; the file stays open for its owner.</summary>
    public void Dispose() => _file.Flush();
}
