using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VecStore.Repl.Import;

/// <summary>Reads an <c>.fvecs</c> file (TEXMEX): each vector is an int32 dimension count and that many float32 values, little endian, no header.</summary>
/// <remarks>Every vector must have the first one's dimension; a file that ends inside a vector is reported as cut off, with the vector's number.</remarks>
internal sealed class FvecsReader : IImportReader
{
    private const int MaxDimensions = 1 << 20; // far above any embedding; a larger count means the file is not .fvecs

    private readonly string _path;
    private readonly VectorFileColumns _columns;
    private readonly FileStream _file;

    /// <summary>Opens <paramref name="path"/> to fill <paramref name="columns"/>.</summary>
    public FvecsReader(string path, VectorFileColumns columns)
    {
        _path = path;
        _columns = columns;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> header = stackalloc byte[4];
        if (_file.Length >= 4)
        {
            _file.ReadExactly(header);
            _file.Position = 0;
            int dimensions = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (dimensions is > 0 and <= MaxDimensions)
                ExpectedRows = _file.Length / (4 + 4L * dimensions);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long? ExpectedRows { get; }

    /// <inheritdoc />
    public IEnumerable<object?[]> Rows()
    {
        var header = new byte[4];
        int first = 0;
        for (long index = 0; ; index++)
        {
            int got = _file.ReadAtLeast(header, 4, throwOnEndOfStream: false);
            if (got == 0)
                yield break;
            if (got < 4)
                throw new ImportException(Invariant($"vector {index + 1} is cut off: the file ends inside its dimension count"));
            int dimensions = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (index == 0)
            {
                if (dimensions is <= 0 or > MaxDimensions)
                    throw new ImportException(Invariant($"vector 1 declares {dimensions} dimensions; this is not an .fvecs file"));
                first = dimensions;
            }
            else if (dimensions != first)
            {
                throw new ImportException(Invariant($"vector {index + 1} has {dimensions} dimensions but vector 1 has {first}"));
            }
            var vector = new float[dimensions];
            var bytes = MemoryMarshal.AsBytes(vector.AsSpan());
            got = _file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
                throw new ImportException(Invariant($"vector {index + 1} is cut off: the file ends {got} bytes into its {bytes.Length}"));
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException(".fvecs files are read on little-endian machines only");
            yield return _columns.Row(index, vector);
        }
    }

    /// <inheritdoc />
    public string Locate(long row) => Invariant($"vector {row}");

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => _path;
}
