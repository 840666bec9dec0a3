using System.Buffers.Binary;
using System.IO.Hashing;

namespace VecStore.Indexes.Ivf;

/// <summary>Reads an index file front to back while hashing it, turning a short file or a bad checksum into an <see cref="InvalidDataException"/> that names the file.</summary>
internal sealed class HashedFileReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly XxHash3 _hash = new();

    public HashedFileReader(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
    }

    public string Path { get; }

    /// <summary>Fills <paramref name="destination"/> from the file.</summary>
    public void Read(Span<byte> destination)
    {
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"'{Path}' is truncated: it ends at byte {_stream.Length} inside its data.", ex);
        }

        _hash.Append(destination);
    }

    /// <summary>Checks that the 8-byte checksum trailer matches everything read and that nothing follows it.</summary>
    public void VerifyTrailer()
    {
        ulong expected = _hash.GetCurrentHashAsUInt64();
        Span<byte> trailer = stackalloc byte[sizeof(ulong)];
        try
        {
            _stream.ReadExactly(trailer);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"'{Path}' is truncated: its checksum is missing.", ex);
        }

        if (_stream.Position != _stream.Length)
        {
            throw new InvalidDataException($"'{Path}' is longer than its header says: {_stream.Length} bytes where {_stream.Position} were expected.");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(trailer) != expected)
        {
            throw new InvalidDataException($"'{Path}' fails its checksum: the file is damaged.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
