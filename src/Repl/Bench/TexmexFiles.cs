using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace VecStore.Repl.Bench;

/// <summary>Reads and writes whole <c>.fvecs</c> and <c>.ivecs</c> files: each record is an int32 dimension followed by that many float32 (or int32) values, little endian, no header.</summary>
/// <remarks>The streaming reader the <c>.import</c> command uses is <see cref="Import.FvecsReader"/>; this one loads a dataset's base, queries and ground truth at once.</remarks>
internal static class TexmexFiles
{
    /// <summary>Reads every vector of an <c>.fvecs</c> file.</summary>
    /// <exception cref="BenchException">The file is missing, empty, cut off, or its records differ in dimension.</exception>
    public static VectorMatrix ReadFloats(string path)
    {
        var (values, rows, dimensions) = Read(path);
        return new VectorMatrix(MemoryMarshal.Cast<int, float>(values).ToArray(), rows, dimensions);
    }

    /// <summary>Reads every record of an <c>.ivecs</c> file as neighbour lists.</summary>
    /// <exception cref="BenchException">The file is missing, empty, cut off, or its records differ in length.</exception>
    public static NeighborLists ReadNeighbors(string path)
    {
        var (values, rows, depth) = Read(path);
        return new NeighborLists(values, rows, depth);
    }

    /// <summary>Writes neighbour lists as an <c>.ivecs</c> file, through a temporary file so a reader never sees half of it.</summary>
    public static void WriteNeighbors(string path, NeighborLists lists)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> header = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(header, lists.Depth);
            for (int q = 0; q < lists.Queries; q++)
            {
                stream.Write(header);
                stream.Write(MemoryMarshal.AsBytes(lists.Of(q)));
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static (int[] Values, int Rows, int Dimensions) Read(string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("TEXMEX files are read on little-endian machines only");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"cannot read {path}: {exception.Message}", exception);
        }
        if (bytes.Length < 4)
            throw new BenchException($"{path} holds no vectors");
        int dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        long record = 4 + 4L * dimensions;
        if (dimensions <= 0 || bytes.Length % record != 0)
            throw new BenchException($"{path} is not a whole number of {dimensions}-dimension records ({bytes.Length} bytes); the file is cut off or not in the TEXMEX format");
        int rows = checked((int)(bytes.Length / record));
        var values = new int[checked(rows * dimensions)];
        var source = MemoryMarshal.Cast<byte, int>(bytes);
        for (int r = 0; r < rows; r++)
        {
            var recordInts = source.Slice(checked(r * (dimensions + 1)), dimensions + 1);
            if (recordInts[0] != dimensions)
                throw new BenchException($"{path}: record {r + 1} has {recordInts[0]} values but the first has {dimensions}");
            recordInts[1..].CopyTo(values.AsSpan(r * dimensions, dimensions));
        }
        return (values, rows, dimensions);
    }
}
