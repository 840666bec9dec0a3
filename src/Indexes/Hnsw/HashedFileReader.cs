using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace VecStore.Indexes.Hnsw;

/// <summary>Reads a file front to back into caller spans while hashing what it read.</summary>
internal sealed class HashedFileReader(SafeFileHandle handle, string path)
{
    private readonly XxHash3 _hash = new();
    private long _offset;

    /// <summary>Bytes read so far.</summary>
    public long Offset => _offset;

    /// <summary>The hash of everything read so far.</summary>
    public ulong Hash => _hash.GetCurrentHashAsUInt64();

    /// <summary>Fills <paramref name="destination"/> from the file and adds it to the hash.</summary>
    /// <exception cref="InvalidDataException">The file ends first.</exception>
    public void Read(Span<byte> destination, bool hashed = true)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int read = RandomAccess.Read(handle, destination[filled..], _offset + filled);
            if (read == 0)
            {
                throw new InvalidDataException($"'{path}' is truncated: it ends at byte {_offset + filled} inside a section that runs to byte {_offset + destination.Length}.");
            }

            filled += read;
        }

        _offset += filled;
        if (hashed)
        {
            _hash.Append(destination);
        }
    }
}
