namespace VecStore.Storage.Backup;

/// <summary>One file inside a backup archive, as its manifest describes it.</summary>
/// <param name="Name">What the file is: <c>database</c> (the SQLite image) or <c>vectors</c> (the vector file).</param>
/// <param name="Offset">Where its zstd frame starts in the archive.</param>
/// <param name="CompressedLength">Bytes of the frame.</param>
/// <param name="RawLength">Bytes of the file once decompressed.</param>
/// <param name="RawHash">XxHash3-64 of the decompressed bytes.</param>
/// <param name="CompressedHash">XxHash3-64 of the frame, checked before anything is decompressed.</param>
internal sealed record ArchiveEntry(string Name, long Offset, long CompressedLength, long RawLength, ulong RawHash, ulong CompressedHash);
