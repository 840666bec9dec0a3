using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Hnsw;

public sealed partial class HnswIndex
{
    // Copy buffer of the writer; records go out chunk by chunk regardless.
    private const int WriteBufferSize = 1 << 20;

    /// <summary>Writes the index to <paramref name="path"/> atomically, with a caller-chosen <paramref name="stamp"/> (for example the log position it reflects).</summary>
    /// <remarks>
    /// The file is written to <c>path + ".&lt;process id&gt;.tmp"</c>, flushed to disk and renamed over
    /// <paramref name="path"/>, so a crash leaves either the old file or the new one. Searches may
    /// run meanwhile; writers may not. Layout: docs/format.md, "HNSW index file".
    /// </remarks>
    public void Save(string path, long stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfDisposed();
        // Named per process: two processes sharing a database may save the same index at once.
        string temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        int nodes = _store.Count;
        long upperInts = 0;
        for (int node = 0; node < nodes; node++)
        {
            upperInts += (long)_store.LevelOf(node) * _store.UpperStride;
        }

        var header = new HnswFileHeader(
            ElementType, Dimensions, Metric, Options.M, Options.EfConstruction, Options.EfSearch, Options.Seed,
            _store.RecordSize, _graph.MaxLevel, nodes, Count, _graph.EntryNode, stamp, upperInts);

        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, WriteBufferSize))
            {
                var hash = new XxHash3();
                void Write(ReadOnlySpan<byte> bytes)
                {
                    stream.Write(bytes);
                    hash.Append(bytes);
                }

                Span<byte> head = stackalloc byte[HnswFileHeader.Size];
                header.Write(head);
                Write(head);
                ForEachChunk(nodes, (chunk, count) => Write(chunk.Records[..(count * _store.RecordSize)]));
                ForEachChunk(nodes, (chunk, count) => Write(MemoryMarshal.AsBytes(chunk.Ids.AsSpan(0, count))));
                ForEachChunk(nodes, (chunk, count) => Write(MemoryMarshal.AsBytes(chunk.Deleted.AsSpan(0, (count + 63) >> 6))));
                ForEachChunk(nodes, (chunk, count) => Write(chunk.Levels.AsSpan(0, count)));
                Write(new byte[PaddingTo8(nodes)]);
                ForEachChunk(nodes, (chunk, count) =>
                {
                    for (int i = 0; i < count; i++)
                    {
                        if (chunk.UpperLinks[i] is int[] links)
                        {
                            Write(MemoryMarshal.AsBytes(links.AsSpan()));
                        }
                    }
                });

                Span<byte> trailer = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64LittleEndian(trailer, hash.GetCurrentHashAsUInt64());
                stream.Write(trailer);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A full disk, say: the half-written copy goes, the old file (if any) stays.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    /// <summary>Opens an index written by <see cref="Save"/>, and the stamp it was saved with.</summary>
    /// <remarks>
    /// The file is mapped copy-on-write and its level-0 records are used in place, so loading
    /// costs one checksum pass over the file; the index keeps the mapping until it is disposed.
    /// </remarks>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an HNSW index file, has another format version, is truncated or longer than its header says, or fails its checksum; the message names the file.</exception>
    /// <summary>Up to this many bytes of records, a loaded graph is copied into huge-page memory.</summary>
    /// <remarks>
    /// Measured on the project machine: walks 10–15% faster (synth-cos-100k-384, 174 MB), but
    /// fresh memory costs about 3 ms per MB to fault in, so a 684 MB graph took 2.2 s to open
    /// instead of 0.43 s from the mapping. Past this size the mapping wins: a query must be
    /// answered from a closed database in well under a second.
    /// </remarks>
    private const long HugePageCopyLimit = 256L << 20;

    public static HnswIndex Load(string path, out long stamp) => Load(path, out stamp, HugePageCopyLimit);

    /// <summary>As <see cref="Load(string, out long)"/>, copying the records into huge-page memory only up to <paramref name="copyLimit"/> bytes (tests reach both ways with small files).</summary>
    internal static unsafe HnswIndex Load(string path, out long stamp, long copyLimit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        MappedIndexFile file = MappedIndexFile.Open(path, HnswFileHeader.Size + sizeof(ulong));
        try
        {
            HnswIndex index = LoadMapped(file, path, out stamp, copyLimit);
            return index;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static unsafe HnswIndex LoadMapped(MappedIndexFile file, string path, out long stamp, long copyLimit)
    {
        byte* bytes = file.Pointer;
        HnswFileHeader header = HnswFileHeader.Read(new ReadOnlySpan<byte>(bytes, HnswFileHeader.Size), path);
        HnswIndex index = CreateFor(header, path);
        NodeStore store = index._store;
        int nodes = (int)header.NodeCount;
        long records = HnswFileHeader.Size;
        long ids = records + ((long)nodes * store.RecordSize);
        long tombstones = ids + (nodes * 8L);
        long levels = tombstones + (((nodes + 63L) >> 6) * 8);
        long upperLinks = levels + nodes + PaddingTo8(nodes);
        long trailer = upperLinks + (header.UpperLinkInts * 4);
        if (file.Length != trailer + sizeof(ulong))
        {
            throw new InvalidDataException($"'{path}' is {(file.Length < trailer + sizeof(ulong) ? "truncated" : "longer than its header says")}: {file.Length} bytes where its header describes {trailer + sizeof(ulong)}.");
        }

        // Hashed in pieces: a span holds at most 2^31 - 1 bytes.
        var hash = new XxHash3();
        for (long offset = 0; offset < trailer; offset += 1 << 30)
        {
            hash.Append(new ReadOnlySpan<byte>(bytes + offset, (int)Math.Min(1 << 30, trailer - offset)));
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(bytes + trailer, sizeof(ulong))) != hash.GetCurrentHashAsUInt64())
        {
            throw new InvalidDataException($"'{path}' fails its checksum: the file is damaged.");
        }

        long recordBytes = (long)nodes * store.RecordSize;
        bool inPlace = recordBytes > copyLimit;
        if (inPlace)
        {
            // Large graphs are walked in place from the mapping, so that opening stays fast.
            store.AdoptMapped(bytes + records, nodes, file);
        }
        else
        {
            // Smaller graphs move into huge-page memory (a walk's TLB misses drop); the file is then closed.
            var memory = new HugePageMemory(recordBytes);
            for (long offset = 0; offset < recordBytes; offset += 1 << 30)
            {
                long part = Math.Min(1L << 30, recordBytes - offset);
                Buffer.MemoryCopy(bytes + records + offset, memory.Pointer + offset, part, part);
            }

            store.AdoptMapped(memory.Pointer, nodes, memory);
        }

        index.ForEachChunk(nodes, (chunk, start, count) =>
        {
            new ReadOnlySpan<byte>(bytes + ids + (start * 8L), count * 8).CopyTo(MemoryMarshal.AsBytes(chunk.Ids.AsSpan()));
            new ReadOnlySpan<byte>(bytes + tombstones + (start / 8), ((count + 63) >> 6) * 8).CopyTo(MemoryMarshal.AsBytes(chunk.Deleted.AsSpan()));
            new ReadOnlySpan<byte>(bytes + levels + start, count).CopyTo(chunk.Levels);
        });
        var upper = new ReadOnlySpan<int>(bytes + upperLinks, (int)header.UpperLinkInts);
        index.AttachLoadedNodes(header, upper, path);
        stamp = header.Stamp;
        if (!inPlace)
        {
            file.Dispose();
        }

        return index;
    }

    /// <summary>An empty index with the options a header records, after checking they are valid.</summary>
    private static HnswIndex CreateFor(HnswFileHeader header, string path)
    {
        HnswIndex index;
        try
        {
            if (!Enum.IsDefined(header.Element) || !Enum.IsDefined(header.Metric))
            {
                throw new ArgumentException("Unknown element type or metric.");
            }

            var options = new HnswOptions { M = header.M, EfConstruction = header.EfConstruction, EfSearch = header.EfSearch, Seed = header.Seed };
            index = new HnswIndex(header.Element, header.Dimensions, header.Metric, options);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"'{path}' has an invalid HNSW header: {ex.Message}", ex);
        }

        if (header.RecordSize != index._store.RecordSize || header.NodeCount is < 0 or > int.MaxValue
            || header.LiveCount < 0 || header.LiveCount > header.NodeCount || header.UpperLinkInts is < 0 or > int.MaxValue
            || header.EntryNode < -1 || header.EntryNode >= header.NodeCount || header.MaxLevel is < -1 or > MaxLevelCap)
        {
            throw new InvalidDataException($"'{path}' has an invalid HNSW header: its counts, record size or entry point do not fit together.");
        }

        return index;
    }

    /// <summary>Hands the upper-level lists to their nodes, rebuilds the id map and the counts, and sets the entry point.</summary>
    private void AttachLoadedNodes(HnswFileHeader header, ReadOnlySpan<int> upper, string path)
    {
        int nodes = (int)header.NodeCount;
        int stride = _store.UpperStride;
        long offset = 0;
        long live = 0;
        for (int node = 0; node < nodes; node++)
        {
            NodeChunk chunk = _store.ChunkOf(node);
            int slot = node & _store.ChunkMask;
            int level = chunk.Levels[slot];
            if (level > 0)
            {
                int ints = level * stride;
                if (level > MaxLevelCap || offset + ints > upper.Length)
                {
                    throw new InvalidDataException($"'{path}' is inconsistent: node {node} has level {level}, beyond its upper-level section.");
                }

                chunk.UpperLinks[slot] = upper.Slice((int)offset, ints).ToArray();
                offset += ints;
            }

            if (!_store.IsDeleted(node))
            {
                _ids.Add(chunk.Ids[slot], node);
                live++;
            }
        }

        if (offset != upper.Length || live != header.LiveCount)
        {
            throw new InvalidDataException($"'{path}' is inconsistent: its node levels or tombstones do not match the counts in its header.");
        }

        _live = live;
        _deleted = nodes - live;
        _graph.SetEntryForLoad((int)header.EntryNode, header.MaxLevel);

        // Levels drawn after a load continue from a seed of their own, so that reloads stay reproducible.
        _levels = new Random(unchecked((Options.Seed * 31) + nodes));
    }

    /// <summary>Calls <paramref name="action"/> with each chunk holding some of the first <paramref name="nodes"/> nodes and how many of them it holds.</summary>
    private void ForEachChunk(int nodes, Action<NodeChunk, int> action) =>
        ForEachChunk(nodes, (chunk, _, count) => action(chunk, count));

    /// <summary>As the two-argument form, also passing the number of the chunk's first node.</summary>
    private void ForEachChunk(int nodes, Action<NodeChunk, int, int> action)
    {
        int chunkSize = 1 << _store.ChunkShift;
        for (int c = 0; (long)c * chunkSize < nodes; c++)
        {
            action(_store.Chunk(c), c * chunkSize, Math.Min(chunkSize, nodes - (c * chunkSize)));
        }
    }

    private static int PaddingTo8(int bytes) => (8 - (bytes & 7)) & 7;
}
