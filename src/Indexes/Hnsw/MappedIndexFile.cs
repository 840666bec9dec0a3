using System.IO.MemoryMappedFiles;

namespace VecStore.Indexes.Hnsw;

/// <summary>An index file mapped copy-on-write: the loaded graph reads its records in place, and changes stay private to the process.</summary>
/// <remarks>
/// Mapping instead of reading is what makes a load fast: the pages come straight from the page
/// cache, where reading would first fault in and zero as much fresh memory. The file may be
/// replaced by a later save meanwhile; the mapping keeps the old contents.
/// </remarks>
internal sealed unsafe class MappedIndexFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private bool _released;

    private MappedIndexFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Pointer = pointer + view.PointerOffset;
    }

    /// <summary>The first byte of the file.</summary>
    public byte* Pointer { get; }

    public long Length { get; }

    /// <summary>Maps the file at <paramref name="path"/>, which must hold at least <paramref name="minimumLength"/> bytes.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is shorter than <paramref name="minimumLength"/>.</exception>
    public static MappedIndexFile Open(string path, long minimumLength)
    {
        long length = new FileInfo(path).Exists ? new FileInfo(path).Length : throw new FileNotFoundException($"There is no HNSW index file '{path}'.", path);
        if (length < minimumLength)
        {
            throw new InvalidDataException($"'{path}' is truncated: {length} bytes is less than an empty HNSW index file.");
        }

        // Opened for reading only (a private mapping needs no more), so an index on read-only media loads too.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        MemoryMappedFile file;
        try
        {
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.CopyOnWrite, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        try
        {
            return new MappedIndexFile(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.CopyOnWrite), length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_released)
        {
            _released = true;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
