using System.Buffers.Binary;
using System.IO.Compression;

namespace VecStore.Repl.Bench;

/// <summary>Reads an IDX image file (the MNIST format, gzip-compressed as Debian ships it) as one float vector per image.</summary>
/// <remarks>
/// Layout: bytes 0-3 the magic 0x00000803 (unsigned bytes, 3 dimensions), then the image count, rows
/// and columns as big-endian int32, then the pixels, one byte each, image after image. Pixels become
/// floats 0..255 unchanged, as in ann-benchmarks and the prepared fashion-mnist folder.
/// </remarks>
internal static class IdxImages
{
    private const int ImageMagic = 0x00000803;

    /// <summary>Reads every image of <paramref name="path"/> (<c>.gz</c> or uncompressed).</summary>
    /// <exception cref="BenchException">The file is missing, cut off, or not an IDX image file.</exception>
    public static VectorMatrix Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            Span<byte> header = stackalloc byte[16];
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadInt32BigEndian(header) != ImageMagic)
                throw new BenchException($"{path} is not an IDX image file (magic 0x{BinaryPrimitives.ReadInt32BigEndian(header):X8})");
            int images = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            int pixels = checked(BinaryPrimitives.ReadInt32BigEndian(header[8..]) * BinaryPrimitives.ReadInt32BigEndian(header[12..]));
            var bytes = new byte[checked(images * pixels)];
            stream.ReadExactly(bytes);
            var values = new float[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
                values[i] = bytes[i];
            return new VectorMatrix(values, images, pixels);
        }
        catch (EndOfStreamException exception)
        {
            throw new BenchException($"{path} is cut off: it ends before the images its header announces", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or OverflowException)
        {
            throw new BenchException($"cannot read {path}: {exception.Message}", exception);
        }
    }
}
