using System.Runtime.InteropServices;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfIndex
{
    /// <summary>Writes the index to <paramref name="path"/> atomically, with a caller-chosen <paramref name="stamp"/> (for example the log position it reflects).</summary>
    /// <remarks>
    /// Written to <c>path + ".&lt;process id&gt;.tmp"</c>, flushed and renamed over <paramref name="path"/>. Searches
    /// may run meanwhile; writers may not. Layout: docs/format.md, "IVF index file".
    /// </remarks>
    /// <exception cref="InvalidOperationException">The index is not trained.</exception>
    public void Save(string path, long stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfDisposed();
        CentroidSet centroids = _centroids ?? throw IvfChecks.NotTrained();
        var header = new IvfFileHeader(ElementType, Dimensions, Metric, Options.Lists, Options.NProbe, Options.Seed, Options.TrainingSamplePerList, _vectorBytes, Count, stamp);
        using var writer = new HashedFileWriter(path);
        Span<byte> head = stackalloc byte[IvfFileHeader.Size];
        header.Write(head);
        writer.Write(head);
        writer.Write(MemoryMarshal.AsBytes(centroids.All));
        int[] counts = new int[_lists.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = _lists[i].Count;
        }

        writer.Write(MemoryMarshal.AsBytes(counts.AsSpan()));
        writer.Write(new byte[InvertedList.PaddingTo8(counts.Length * sizeof(int))]);
        foreach (InvertedList list in _lists)
        {
            list.WriteTo(writer);
        }

        writer.Commit();
    }

    /// <summary>Opens an index written by <see cref="Save"/>, and the stamp it was saved with; nothing is retrained.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an IVF index file, has another format version, is truncated or longer than its header says, is inconsistent or fails its checksum; the message names the file.</exception>
    public static IvfIndex Load(string path, out long stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new HashedFileReader(path);
        Span<byte> head = stackalloc byte[IvfFileHeader.Size];
        reader.Read(head);
        IvfFileHeader header = IvfFileHeader.Read(head, path);
        IvfIndex index = CreateFor(header, path);
        long remaining = new FileInfo(path).Length - IvfFileHeader.Size;

        // Lists come one after another, so ids arrive out of order; the header's count (bounded by
        // what the file can hold) keeps them in the id map's dense part.
        index._listOfId.ExpectAtLeast(Math.Min(header.LiveCount, remaining / (header.EntryBytes + sizeof(long))));
        if ((long)header.Lists * header.Dimensions * sizeof(float) > remaining)
        {
            throw new InvalidDataException($"'{path}' is truncated: its centroids run past the end of the file.");
        }

        float[] centroids = new float[header.Lists * header.Dimensions];
        reader.Read(MemoryMarshal.AsBytes(centroids.AsSpan()));
        int[] counts = new int[header.Lists];
        reader.Read(MemoryMarshal.AsBytes(counts.AsSpan()));
        reader.Read(new byte[InvertedList.PaddingTo8(counts.Length * sizeof(int))]);
        var lists = new InvertedList[header.Lists];
        for (int l = 0; l < lists.Length; l++)
        {
            if (counts[l] < 0 || (long)counts[l] * header.EntryBytes > remaining)
            {
                throw new InvalidDataException($"'{path}' is inconsistent: list {l} claims {counts[l]} entries, more than the file can hold.");
            }

            lists[l] = InvertedList.ReadFrom(reader, header.EntryBytes, counts[l]);
            index._deleted += IvfChecks.MapLoadedList(lists[l], l, index._listOfId, ref index._live, path);
        }

        reader.VerifyTrailer();
        if (index.Count != header.LiveCount)
        {
            throw new InvalidDataException($"'{path}' is inconsistent: {index.Count} live entries where its header says {header.LiveCount}.");
        }

        index._lists = lists;
        index._centroids = new CentroidSet(centroids, header.Dimensions);
        index._centroids.PrepareGraph();
        stamp = header.Stamp;
        return index;
    }

    /// <summary>An empty index with the options a header records, after checking they are valid.</summary>
    private static IvfIndex CreateFor(IvfFileHeader header, string path)
    {
        try
        {
            var options = new IvfOptions { Lists = header.Lists, NProbe = header.NProbe, Seed = header.Seed, TrainingSamplePerList = header.TrainingSamplePerList };
            var index = new IvfIndex(header.Element, header.Dimensions, header.Metric, options);
            if (header.EntryBytes != index._vectorBytes || header.LiveCount < 0)
            {
                throw new ArgumentException("The entry size or live count does not fit the dimensions.");
            }

            return index;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"'{path}' has an invalid IVF header: {ex.Message}", ex);
        }
    }
}
