namespace VecStore.TextDataset;

/// <summary>An <c>.fvecs</c> file that embeddings are appended to in chunks, so that a run stopped half-way resumes where it was.</summary>
/// <remarks>A torn last record (the process killed mid-write) is cut off when the file is opened again.</remarks>
internal sealed class EmbeddingFile(string path, int dimensions)
{
    private long RecordBytes => 4 + (4L * dimensions);

    /// <summary>Whole records in the file now, after cutting a torn tail.</summary>
    public int Count()
    {
        if (!File.Exists(path))
            return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long whole = stream.Length / RecordBytes;
        if (stream.Length != whole * RecordBytes)
            stream.SetLength(whole * RecordBytes);
        return (int)whole;
    }

    public void Append(float[][] vectors)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        using var writer = new BinaryWriter(stream);
        foreach (var vector in vectors)
        {
            if (vector.Length != dimensions)
                throw new InvalidDataException($"the model returned {vector.Length} dimensions, expected {dimensions}");
            writer.Write(dimensions);
            foreach (float x in vector)
                writer.Write(x);
        }
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Copies records [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) to a new <c>.fvecs</c> file.</summary>
    public void CopyRange(int start, int count, string destination)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        source.Position = start * RecordBytes;
        var bytes = new byte[count * RecordBytes];
        source.ReadExactly(bytes);
        File.WriteAllBytes(destination, bytes);
    }
}
