using System.Runtime.InteropServices;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfPqIndex
{
    /// <summary>Writes the index to <paramref name="path"/> atomically, with a caller-chosen <paramref name="stamp"/> (for example the log position it reflects).</summary>
    /// <remarks>
    /// Written to <c>path + ".&lt;process id&gt;.tmp"</c>, flushed and renamed over <paramref name="path"/>, with an
    /// XxHash3 checksum at the end. Searches may run meanwhile; writers may not. Layout: the
    /// 72-byte <see cref="IvfPqFileHeader"/>, the coarse centroids, the codebooks, the entry count
    /// of every list (padded to 8 bytes), then per list its codes and, when
    /// <see cref="StoresVectors"/>, its original vectors, each as <see cref="InvertedList.WriteTo"/>
    /// writes them (the vectors repeat the ids and tombstones of the codes).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The index is not trained.</exception>
    public void Save(string path, long stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfDisposed();
        Trained trained = _trained ?? throw IvfChecks.NotTrained();
        var header = new IvfPqFileHeader(ElementType, Dimensions, Metric, Options.Lists, Options.NProbe, Options.Seed, Options.TrainingSamplePerList, Options.M, Options.Refine, Count, stamp, StoresVectors);
        using var writer = new HashedFileWriter(path);
        Span<byte> head = stackalloc byte[IvfPqFileHeader.Size];
        header.Write(head);
        writer.Write(head);
        writer.Write(MemoryMarshal.AsBytes(trained.Centroids.All));
        writer.Write(MemoryMarshal.AsBytes(trained.Quantizer.Codebooks));
        int[] counts = new int[trained.Codes.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = trained.Codes[i].Count;
        }

        writer.Write(MemoryMarshal.AsBytes(counts.AsSpan()));
        writer.Write(new byte[InvertedList.PaddingTo8(counts.Length * sizeof(int))]);
        for (int i = 0; i < counts.Length; i++)
        {
            trained.Codes[i].WriteTo(writer);
            trained.Vectors?[i].WriteTo(writer);
        }

        writer.Commit();
    }

    /// <summary>Opens an index written by <see cref="Save"/>, and the stamp it was saved with; nothing is retrained.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <remarks>The loaded index stores the original vectors exactly when the saved one did (<see cref="StoresVectors"/>).</remarks>
    /// <exception cref="InvalidDataException">The file is not an IVFPQ index file, has another format version (version 1 files are not read), is truncated or longer than its header says, is inconsistent or fails its checksum; the message names the file.</exception>
    public static IvfPqIndex Load(string path, out long stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new HashedFileReader(path);
        Span<byte> head = stackalloc byte[IvfPqFileHeader.Size];
        reader.Read(head);
        IvfPqFileHeader header = IvfPqFileHeader.Read(head, path);
        IvfPqIndex index = CreateFor(header, path);
        long remaining = new FileInfo(path).Length - IvfPqFileHeader.Size;

        // Lists come one after another, so ids arrive out of order; the header's count (bounded by
        // what the file can hold) keeps them in the id map's dense part.
        index._listOfId.ExpectAtLeast(Math.Min(header.LiveCount, remaining / (header.M + sizeof(long))));
        if (((long)header.Lists + ProductQuantizer.Codewords) * header.Dimensions * sizeof(float) > remaining)
        {
            throw new InvalidDataException($"'{path}' is truncated: its centroids and codebooks run past the end of the file.");
        }

        float[] centroids = new float[header.Lists * header.Dimensions];
        reader.Read(MemoryMarshal.AsBytes(centroids.AsSpan()));
        float[] codebooks = new float[ProductQuantizer.Codewords * header.Dimensions];
        reader.Read(MemoryMarshal.AsBytes(codebooks.AsSpan()));
        int[] counts = new int[header.Lists];
        reader.Read(MemoryMarshal.AsBytes(counts.AsSpan()));
        reader.Read(new byte[InvertedList.PaddingTo8(counts.Length * sizeof(int))]);
        var codes = new InvertedList[header.Lists];
        var vectors = header.StoresVectors ? new InvertedList[header.Lists] : null;
        int entryBytes = header.M + (header.StoresVectors ? index._vectorBytes : 0);
        for (int l = 0; l < codes.Length; l++)
        {
            if (counts[l] < 0 || (long)counts[l] * entryBytes > remaining)
            {
                throw new InvalidDataException($"'{path}' is inconsistent: list {l} claims {counts[l]} entries, more than the file can hold.");
            }

            codes[l] = InvertedList.ReadFrom(reader, header.M, counts[l]);
            vectors?[l] = InvertedList.ReadFrom(reader, index._vectorBytes, counts[l]);
            index.MapList(codes[l], l, path);
        }

        reader.VerifyTrailer();
        if (index.Count != header.LiveCount)
        {
            throw new InvalidDataException($"'{path}' is inconsistent: {index.Count} live entries where its header says {header.LiveCount}.");
        }

        var quantizer = new ProductQuantizer(header.Dimensions, header.M, codebooks);
        var set = new CentroidSet(centroids, header.Dimensions);
        set.PrepareGraph();
        index._trained = new Trained(set, quantizer, codes, vectors);
        stamp = header.Stamp;
        return index;
    }

    /// <summary>An empty index with the options a header records, after checking they are valid.</summary>
    private static IvfPqIndex CreateFor(IvfPqFileHeader header, string path)
    {
        try
        {
            var options = new IvfPqOptions
            {
                Lists = header.Lists,
                NProbe = header.NProbe,
                Seed = header.Seed,
                TrainingSamplePerList = header.TrainingSamplePerList,
                M = header.M,
                Refine = header.Refine,
            };
            var index = new IvfPqIndex(header.Element, header.Dimensions, header.Metric, options, header.StoresVectors);
            if (header.LiveCount < 0)
            {
                throw new ArgumentException("The live count is negative.");
            }

            return index;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"'{path}' has an invalid IVFPQ header: {ex.Message}", ex);
        }
    }
}
