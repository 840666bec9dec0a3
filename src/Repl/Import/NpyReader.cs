using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace VecStore.Repl.Import;

/// <summary>Reads a NumPy <c>.npy</c> file holding a 2-D float32 or float64 array in C order: one row per vector.</summary>
/// <remarks>
/// Layout: the magic <c>\x93NUMPY</c>, a major and minor version byte, the header length (uint16 in
/// version 1, uint32 in versions 2 and 3, little endian), then the header, a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (1000, 128), }</c>, then the values. The
/// header's shape is checked against the file's length before any row is read.
/// </remarks>
internal sealed partial class NpyReader : IImportReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private readonly VectorFileColumns _columns;
    private readonly FileStream _file;
    private readonly int _rows;
    private readonly int _dimensions;
    private readonly bool _double;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="ImportException">The header is not a 2-D little-endian float32/float64 C-order array, or the data is shorter than it says.</exception>
    public NpyReader(string path, VectorFileColumns columns)
    {
        _columns = columns;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            (_rows, _dimensions, _double) = ReadHeader(_file);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long? ExpectedRows => _rows;

    /// <inheritdoc />
    public IEnumerable<object?[]> Rows()
    {
        int width = _double ? 8 : 4;
        var buffer = new byte[_dimensions * width];
        for (long index = 0; index < _rows; index++)
        {
            _file.ReadExactly(buffer);
            var vector = new float[_dimensions];
            if (_double)
            {
                var values = MemoryMarshal.Cast<byte, double>(buffer);
                for (int i = 0; i < vector.Length; i++)
                    vector[i] = (float)values[i];
            }
            else
            {
                MemoryMarshal.Cast<byte, float>(buffer).CopyTo(vector);
            }
            yield return _columns.Row(index, vector);
        }
    }

    /// <inheritdoc />
    public string Locate(long row) => string.Create(CultureInfo.InvariantCulture, $"row {row}");

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static (int Rows, int Dimensions, bool Double) ReadHeader(FileStream file)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy files are read on little-endian machines only");
        var start = new byte[12];
        int got = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (got < 10 || !start.AsSpan(0, 6).SequenceEqual(Magic))
            throw new ImportException("not a .npy file: it does not start with \\x93NUMPY");
        int major = start[6];
        int headerLength, dataStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(start.AsSpan(8));
                dataStart = 10 + headerLength;
                break;
            case 2 or 3:
                if (got < 12)
                    throw new ImportException("the .npy header is cut off");
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(start.AsSpan(8)));
                dataStart = 12 + headerLength;
                break;
            default:
                throw new ImportException($"unknown .npy format version {major}");
        }
        if (file.Length < dataStart)
            throw new ImportException("the .npy header is cut off");
        var headerBytes = new byte[headerLength];
        file.Position = dataStart - headerLength;
        file.ReadExactly(headerBytes);
        string header = Encoding.UTF8.GetString(headerBytes);

        string descr = Field(DescrPattern(), header, "descr");
        bool isDouble = descr switch
        {
            "<f4" or "=f4" => false,
            "<f8" or "=f8" => true,
            _ => throw new ImportException($"the array's dtype is '{descr}'; .import reads little-endian float32 ('<f4') or float64 ('<f8')"),
        };
        if (Field(FortranPattern(), header, "fortran_order") != "False")
            throw new ImportException("the array is in Fortran (column-major) order; save it in C order (numpy.ascontiguousarray)");
        var shape = Field(ShapePattern(), header, "shape").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (shape.Length != 2)
            throw new ImportException($"the array has {shape.Length} dimension{(shape.Length == 1 ? "" : "s")}; .import reads a 2-D array, one row per vector");
        if (!int.TryParse(shape[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
            || !int.TryParse(shape[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dimensions) || dimensions == 0)
            throw new ImportException($"the array's shape ({string.Join(", ", shape)}) is not two counts");

        long expected = (long)rows * dimensions * (isDouble ? 8 : 4);
        long present = file.Length - dataStart;
        if (present < expected)
            throw new ImportException(string.Create(CultureInfo.InvariantCulture,
                $"the file is cut off: its header promises {rows} × {dimensions} {(isDouble ? "float64" : "float32")} values ({expected} bytes) but only {present} bytes follow the header"));
        file.Position = dataStart;
        return (rows, dimensions, isDouble);
    }

    private static string Field(Regex pattern, string header, string name)
    {
        var match = pattern.Match(header);
        return match.Success ? match.Groups[1].Value : throw new ImportException($"the .npy header has no '{name}': {header.Trim()}");
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
