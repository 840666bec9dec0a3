using System.Buffers.Binary;
using System.IO.Hashing;

namespace VecStore.Indexes.Ivf;

/// <summary>Writes an index file to <c>path + ".&lt;process id&gt;.tmp"</c> while hashing it, then appends the checksum, flushes to disk and renames it over the path, so a crash leaves the old file or the new one.</summary>
internal sealed class HashedFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly XxHash3 _hash = new();
    private bool _committed;

    public HashedFileWriter(string path)
    {
        _path = path;
        // Named per process: two processes sharing a database may save the same index at once.
        _temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        _stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _hash.Append(bytes);
    }

    /// <summary>Appends the checksum and moves the file into place.</summary>
    public void Commit()
    {
        Span<byte> trailer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, _hash.GetCurrentHashAsUInt64());
        _stream.Write(trailer);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; an uncommitted temporary file is deleted.</summary>
    public void Dispose()
    {
        try
        {
            // On a full disk, writing out the buffer throws here too: the temporary file goes all the same.
            _stream.Dispose();
        }
        finally
        {
            if (!_committed)
            {
                File.Delete(_temporary);
            }
        }
    }
}
