namespace VecStore;

// Factories for storage, I/O and corruption errors (1000-1999, 9000+): one per error, so the
// wording is uniform and call sites read as sentences.
public sealed partial class VecStoreException
{
    internal static VecStoreException CannotOpen(string path, string reason, Exception? inner = null)
        => new(VecStore.ErrorCode.CannotOpen, $"cannot open database '{path}': {reason}", inner: inner);

    internal static VecStoreException CorruptFileHeader(string file, string problem)
        => new(VecStore.ErrorCode.CorruptFileHeader, $"the vector file '{file}' is damaged: {problem}");

    internal static VecStoreException UnsupportedFormatVersion(string file, int found, int supported)
        => new(VecStore.ErrorCode.UnsupportedFormatVersion,
            $"'{file}' has format version {found}, but this VecStore reads version {supported}");

    internal static VecStoreException CorruptPage(string file, long pageNo, string problem)
        => new(VecStore.ErrorCode.CorruptPage, $"page {pageNo} of '{file}' is damaged: {problem}");

    internal static VecStoreException CorruptMetadata(string file, string problem)
        => new(VecStore.ErrorCode.CorruptMetadata, $"the database '{file}' is damaged: {problem}");

    internal static VecStoreException CorruptLog(string file, long lsn, string problem)
        => new(VecStore.ErrorCode.CorruptLog, $"the vector log of '{file}' is damaged at LSN {lsn}: {problem}");

    internal static VecStoreException Busy(string file, Exception inner)
        => new(VecStore.ErrorCode.Busy,
            $"the database '{file}' is locked by another writer and the busy timeout passed; retry the statement", inner: inner);

    internal static VecStoreException IoError(string file, string what, Exception inner)
        => new(VecStore.ErrorCode.IoError, $"I/O error on '{file}' while {what}: {inner.Message}", inner: inner);

    internal static VecStoreException ReadOnlyDatabase(string file)
        => new(VecStore.ErrorCode.ReadOnlyDatabase, $"the database '{file}' is open read-only; this statement would change it");

    internal static VecStoreException DatabaseClosed()
        => new(VecStore.ErrorCode.DatabaseClosed, "the connection is not open");

    internal static VecStoreException StorageLimit(string what)
        => new(VecStore.ErrorCode.StorageLimit, what);
}
