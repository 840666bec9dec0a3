using System.IO.MemoryMappedFiles;
using VecStore.Storage.Files;

namespace VecStore.Storage.Pages;

/// <summary>The memory-mapped file of fixed-size pages that holds checkpointed vectors (<c>name.vdb-vectors</c>).</summary>
/// <remarks>
/// Page 0 is the <see cref="FileHeader"/>; every other page is a data page (<see cref="PageHeader"/>).
/// Pages change only during a checkpoint, which holds the database's exclusive page latch; the
/// mapping is replaced when the file grows, so pointers obtained from <see cref="PagePointer"/> are
/// valid only while the caller holds the latch (shared or exclusive). A page's checksum is
/// verified the first time it is read in this process, not at open, so opening stays fast.
/// An in-memory database uses an anonymous mapping instead of a file. On Linux several processes
/// share the file, coordinated through the lock file (<see cref="ProcessPageGate"/>), and each
/// reloads its mapping when another one's checkpoint changed it (<see cref="ReloadIfChanged"/>);
/// elsewhere a process that writes holds the file exclusively. The mapping never covers a byte
/// without its disk blocks (<see cref="SpaceReservation"/>): a full disk is then an
/// <see cref="IOException"/> before anything changed, never a SIGBUS in the middle of a write (or,
/// on tmpfs, of a read).
/// </remarks>
internal sealed unsafe class VectorFile : IDisposable
{
    private readonly FileStream? _stream;
    private readonly bool _readOnly;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private byte* _base;
    private long _mappedBytes;
    private ulong[] _verified = [];
    private long _reservedBytes;

    private VectorFile(string? path, FileStream? stream, bool readOnly, int pageSize)
    {
        Path = path;
        _stream = stream;
        _readOnly = readOnly;
        PageSize = pageSize;
    }

    /// <summary>The file's path, or null for an in-memory database.</summary>
    public string? Path { get; }

    /// <summary>Bytes in one page.</summary>
    public int PageSize { get; }

    /// <summary>Pages the mapping covers, the header page included.</summary>
    public long PageCount => _mappedBytes / PageSize;

    /// <summary>The header as last read or written.</summary>
    public FileHeader Header { get; private set; }

    /// <summary>A checkpoint's process died while changing pages (<see cref="ApplyMarker"/>): checksums are not trusted until the next checkpoint.</summary>
    public ApplyMarker? InterruptedApply { get; private set; }

    /// <summary>Name used in error messages.</summary>
    public string DisplayName => Path ?? ":memory: vectors";

    /// <summary>Creates a new file (or anonymous mapping) holding only a header page.</summary>
    public static VectorFile Create(string? path, int pageSize, Guid databaseId)
    {
        FileStream? stream = null;
        if (path is not null)
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, ShareFor(readOnly: false), 1, FileOptions.None);
        var file = new VectorFile(path, stream, readOnly: false, pageSize);
        try
        {
            if (stream is not null)
                file.ReserveAllOrNothing(pageSize);
            file.Map(pageSize);
            file.WriteHeader(new FileHeader(FileHeader.CurrentFormatVersion, pageSize, databaseId, 0));
            return file;
        }
        catch
        {
            file.Dispose();
            if (path is not null)
                File.Delete(path);
            throw;
        }
    }

    /// <summary>Opens an existing file and checks its header against the database it belongs to.</summary>
    /// <param name="opened">The file, when the caller opened it already (read-only, to hold a lock on it for as long as the database is open).</param>
    public static VectorFile Open(string path, bool readOnly, Guid expectedDatabaseId, FileStream? opened = null)
    {
        FileStream stream;
        try
        {
            stream = opened ?? new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite,
                ShareFor(readOnly), 1, FileOptions.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw VecStoreException.CannotOpen(path, ex.Message, ex);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw VecStoreException.CannotOpen(path, readOnly
                ? "another process has the database open for writing"
                : "another process has the database open", ex);
        }
        catch (IOException ex)
        {
            throw VecStoreException.CannotOpen(path, ex.Message, ex);
        }

        try
        {
            Span<byte> headerBytes = stackalloc byte[HeaderBytes];
            int read = stream.ReadAtLeast(headerBytes, HeaderBytes, throwOnEndOfStream: false);
            string? problem = "the file is shorter than its header";
            var header = read == HeaderBytes ? FileHeader.TryRead(headerBytes, out problem) : null;
            if (header is null)
                throw VecStoreException.CorruptFileHeader(path, problem ?? "the header is not valid");
            var h = header.Value;
            if (h.FormatVersion != FileHeader.CurrentFormatVersion)
                throw VecStoreException.UnsupportedFormatVersion(path, (int)h.FormatVersion, FileHeader.CurrentFormatVersion);
            if (h.PageSize < 4096 || (h.PageSize & (h.PageSize - 1)) != 0)
                throw VecStoreException.CorruptFileHeader(path, $"page size {h.PageSize} is not a power of two of at least 4096");
            if (h.DatabaseId != expectedDatabaseId)
                throw VecStoreException.CorruptFileHeader(path, "it belongs to another database (its database id differs)");
            if (stream.Length % h.PageSize != 0 && readOnly)
                throw VecStoreException.CorruptFileHeader(path, "its length is not a whole number of pages");

            var file = new VectorFile(path, stream, readOnly, h.PageSize) { Header = h, InterruptedApply = ApplyMarker.TryRead(headerBytes) };
            // A crash while the file grew can leave a partial last page; it held nothing durable.
            long whole = Math.Max(h.PageSize, stream.Length / h.PageSize * h.PageSize);
            if (!readOnly && stream.Length != whole)
                stream.SetLength(whole);
            // A file an older version grew sparse gets its blocks before the mapping touches it
            // (free where every page has them); on a full disk that is an error here, not a SIGBUS.
            if (!readOnly)
                file.ReserveAllOrNothing(whole);
            file.Map(whole);
            return file;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the header on disk again and remaps the file when another process's checkpoint
    /// changed it; the caller holds the exclusive page latch and keeps other processes'
    /// checkpoints out. True when anything changed (every page must then be verified again).
    /// </summary>
    public bool ReloadIfChanged()
    {
        if (!TryReadDiskState(out var header, out var marker, out long whole, strict: true))
            return false;
        Unmap();
        Map(whole);
        Array.Clear(_verified);
        Header = header;
        InterruptedApply = marker;
        // Grown by another process, perhaps one that did not reserve: the next checkpoint reserves again.
        _reservedBytes = 0;
        return true;
    }

    /// <summary>A cheap look, without any latch: true when the header, the apply marker or the length on disk differ from what this process holds (or the header could not be read whole).</summary>
    public bool ChangedOnDisk()
    {
        try
        {
            return TryReadDiskState(out _, out _, out _, strict: false);
        }
        catch (IOException)
        {
            return true;
        }
    }

    // Reads header, marker and whole-page length from disk; false when they equal this process's.
    // Not strict, a header that does not read whole (being written by this process's own
    // checkpoint) counts as a change, for the caller to look again under the latch.
    private bool TryReadDiskState(out FileHeader header, out ApplyMarker? marker, out long whole, bool strict)
    {
        header = Header;
        marker = InterruptedApply;
        whole = _mappedBytes;
        if (_stream is null || Path is null)
            return false;
        Span<byte> bytes = stackalloc byte[HeaderBytes];
        int read = RandomAccess.Read(_stream.SafeFileHandle, bytes, 0);
        string? problem = "the file is shorter than its header";
        var readHeader = read == HeaderBytes ? FileHeader.TryRead(bytes, out problem) : null;
        if (readHeader is null)
            return strict ? throw VecStoreException.CorruptFileHeader(Path, problem ?? "the header is not valid") : true;
        var h = readHeader.Value;
        if (h.PageSize != PageSize || h.DatabaseId != Header.DatabaseId || h.FormatVersion != Header.FormatVersion)
            return strict ? throw VecStoreException.CorruptFileHeader(Path, "its header changed page size, database id or version while the database was open") : true;
        // By path, not through the handle: the runtime may cache a handle's length.
        long length = Math.Max(PageSize, new FileInfo(Path).Length / PageSize * PageSize);
        var m = ApplyMarker.TryRead(bytes);
        if (h == Header && m == InterruptedApply && length == _mappedBytes)
            return false;
        header = h;
        marker = m;
        whole = length;
        return true;
    }

    /// <summary>A pointer to the first byte of a page; valid while the caller holds the page latch.</summary>
    public byte* PagePointer(long pageNo)
    {
        if ((ulong)pageNo >= (ulong)PageCount)
            throw new ArgumentOutOfRangeException(nameof(pageNo));
        return _base + pageNo * PageSize;
    }

    /// <summary>The bytes of a page; valid while the caller holds the page latch.</summary>
    public Span<byte> Page(long pageNo) => new(PagePointer(pageNo), PageSize);

    /// <summary>Checks the checksum of a data page the first time it is read in this process.</summary>
    public void EnsureVerified(long pageNo)
    {
        ulong bit = 1UL << (int)(pageNo & 63);
        if ((Volatile.Read(ref _verified[pageNo >> 6]) & bit) != 0)
            return;
        // After a checkpoint died mid-way its pages' checksums may be stale; every slot it
        // changed is read from the log, so the pages are still right where they are read.
        if (InterruptedApply is not null)
            return;
        var page = Page(pageNo);
        if (!PageHeader.HasMagic(page) || !PageHeader.ChecksumMatches(page))
            throw VecStoreException.CorruptPage(DisplayName, pageNo, PageHeader.HasMagic(page) ? "its checksum does not match its contents" : "its header is damaged");
        Interlocked.Or(ref _verified[pageNo >> 6], bit);
    }

    /// <summary>Records that a page's checksum is known good (it was just written or verified).</summary>
    public void MarkVerified(long pageNo) => Interlocked.Or(ref _verified[pageNo >> 6], 1UL << (int)(pageNo & 63));

    /// <summary>Grows the file so it holds at least <paramref name="pageCount"/> pages; needs the exclusive latch.</summary>
    /// <remarks>
    /// The new pages get their disk blocks before the mapping covers them: on tmpfs even a read
    /// through a shared mapping allocates the page it touches, so a mapped hole is not safe to read
    /// on a full disk either. The file grows by an eighth at least (and a megabyte), so a bulk load
    /// remaps a logarithmic number of times while the space taken ahead, which the checkpoint cuts
    /// off again at its end, stays small.
    /// </remarks>
    /// <exception cref="IOException">The disk has no room for the new pages; the file and its mapping are as before.</exception>
    public void EnsurePageCount(long pageCount)
    {
        if (pageCount <= PageCount)
            return;
        long target = Math.Max(pageCount, PageCount + Math.Max(Math.Max(1, (1L << 20) / PageSize), PageCount / 8));
        long bytes = target * PageSize;
        if (_stream is not null)
        {
            // On a nearly full disk, only the pages asked for.
            try
            {
                ReserveAllOrNothing(bytes);
            }
            catch (IOException) when (target > pageCount)
            {
                bytes = pageCount * PageSize;
                ReserveAllOrNothing(bytes);
            }
            Unmap();
            Map(bytes);
        }
        else
        {
            var oldMap = _map;
            var oldView = _view;
            byte* oldBase = _base;
            long oldBytes = _mappedBytes;
            _map = null;
            _view = null;
            Map(bytes);
            Buffer.MemoryCopy(oldBase, _base, bytes, oldBytes);
            oldView!.SafeMemoryMappedViewHandle.ReleasePointer();
            oldView.Dispose();
            oldMap!.Dispose();
        }
    }

    /// <summary>Makes sure every page the mapping covers has disk blocks (a file an older version grew sparse, or another process grew, may have holes); a checkpoint calls it before its first write.</summary>
    /// <exception cref="IOException">The disk has no room; nothing was written.</exception>
    public void ReserveMapped()
    {
        if (_stream is not null && _reservedBytes < _mappedBytes)
            ReserveAllOrNothing(_mappedBytes);
    }

    /// <summary>After a checkpoint failed between <see cref="BeginApply"/> and <see cref="WriteHeader"/>: its marker is on disk, so this process too reads as after an interrupted checkpoint (checksums are not trusted, the next checkpoint recovers).</summary>
    public void MarkApplyInterrupted(long fromLsn, long targetLsn)
    {
        if (_stream is not null)
            InterruptedApply = new ApplyMarker(fromLsn, targetLsn);
    }

    /// <summary>Shrinks the file to <paramref name="pageCount"/> pages when it is longer; needs the exclusive latch.</summary>
    public void Truncate(long pageCount)
    {
        if (_stream is null || pageCount >= PageCount)
            return;
        Unmap();
        _stream.SetLength(pageCount * PageSize);
        Map(pageCount * PageSize);
        _reservedBytes = Math.Min(_reservedBytes, _mappedBytes);
    }

    /// <summary>Marks durably that a checkpoint from <paramref name="fromLsn"/> to <paramref name="targetLsn"/> starts changing pages.</summary>
    public void BeginApply(long fromLsn, long targetLsn)
    {
        if (_stream is null)
            return;
        new ApplyMarker(fromLsn, targetLsn).Write(Page(0));
        Flush(0, 1);
    }

    /// <summary>Writes and makes durable the header (the checkpoint's commit point for the pages); clears the apply marker with it.</summary>
    public void WriteHeader(FileHeader header)
    {
        header = header with { Generation = Header.Generation + 1 };
        var page = Page(0);
        header.Write(page);
        ApplyMarker.Clear(page);
        Flush(0, 1);
        Header = header;
        InterruptedApply = null;
    }

    /// <summary>Makes durable the pages in [first, first + count): msync of the range, then fsync.</summary>
    public void Flush(long first, long count)
    {
        if (_view is null || _stream is null || count <= 0)
            return;
        _view.Flush();
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        Unmap();
        _stream?.Dispose();
    }

    // The header and the apply marker after it.
    private const int HeaderBytes = ApplyMarker.Offset + ApplyMarker.Size;

    // Where the lock file coordinates processes (Linux) every process shares the file; elsewhere
    // a writing process keeps it to itself (an advisory lock), since another process's mapping
    // would not know when a checkpoint changed the pages under it.
    private static FileShare ShareFor(bool readOnly)
        => LockFile.Supported ? FileShare.ReadWrite : readOnly ? FileShare.Read : FileShare.None;

    // Reserves the file's first `bytes` bytes (from where they are known to be reserved), growing
    // it; on failure the file is cut back to the length it had, so a failed growth leaves nothing
    // that another process would map.
    private void ReserveAllOrNothing(long bytes)
    {
        long before = _stream!.Length;
        try
        {
            SpaceReservation.Reserve(_stream.SafeFileHandle, _reservedBytes, bytes - _reservedBytes);
        }
        catch (IOException)
        {
            try
            {
                if (_stream.Length > before)
                    _stream.SetLength(before);
            }
            catch (IOException)
            {
                // The longer file is harmless: pages past the directory's end are free, and the next growth reuses them.
            }
            throw;
        }
        _reservedBytes = bytes;
    }

    private void Map(long bytes)
    {
        if (_stream is not null)
        {
            var access = _readOnly ? MemoryMappedFileAccess.Read : MemoryMappedFileAccess.ReadWrite;
            _map = MemoryMappedFile.CreateFromFile(_stream, null, bytes, access, HandleInheritability.None, leaveOpen: true);
            _view = _map.CreateViewAccessor(0, bytes, access);
        }
        else
        {
            _map = MemoryMappedFile.CreateNew(null, bytes, MemoryMappedFileAccess.ReadWrite);
            _view = _map.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.ReadWrite);
        }
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        _mappedBytes = bytes;
        long words = (bytes / PageSize + 63) >> 6;
        if (_verified.Length < words)
            Array.Resize(ref _verified, (int)words);
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _view = null;
        }
        _map?.Dispose();
        _map = null;
        _base = null;
    }
}
