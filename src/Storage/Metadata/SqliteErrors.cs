using Microsoft.Data.Sqlite;

namespace VecStore.Storage.Metadata;

/// <summary>Turns SQLite's errors into VecStore's catalogued ones.</summary>
internal static class SqliteErrors
{
    // Extended result codes, from sqlite3.h.
    private const int Error = 1;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int Interrupt = 9;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int TooBig = 18;
    private const int Constraint = 19;
    private const int NotADb = 26;
    private const int ConstraintCheck = 275;
    private const int ConstraintNotNull = 1299;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int ConstraintDataType = 3091;

    /// <summary>The VecStore error for a SQLite failure during <paramref name="what"/>.</summary>
    public static VecStoreException Translate(SqliteException ex, string file, string what)
    {
        // A VecStore SQL function failed inside the statement: its own error says why.
        if (Functions.FunctionErrors.Take() is { } fromFunction)
            return fromFunction;
        switch (ex.SqliteErrorCode)
        {
            case Busy:
            case Locked:
                return VecStoreException.Busy(file, ex);
            case ReadOnly:
                return VecStoreException.ReadOnlyDatabase(file);
            case Interrupt:
                // Only a stopped statement interrupts SQLite (MetadataConnection.Interrupts); the
                // provider turns this into the statement's own stop error (cancelled or timed out).
                return VecStoreException.Cancelled();
            case Corrupt:
            case NotADb:
                return VecStoreException.CorruptMetadata(file, ex.Message);
            case CantOpen:
                return VecStoreException.CannotOpen(file, ex.Message, ex);
            case Full:
            case IoErr:
                return VecStoreException.IoError(file, what, ex);
            case TooBig:
                return VecStoreException.StorageLimit("a value is larger than SQLite's limit for one row");
            case Constraint:
                return ex.SqliteExtendedErrorCode switch
                {
                    ConstraintPrimaryKey or ConstraintUnique => new VecStoreException(ErrorCode.DuplicateKey, "a row with the same primary key already exists", inner: ex),
                    ConstraintNotNull => new VecStoreException(ErrorCode.NotNullViolation, "a NOT NULL column would be NULL", inner: ex),
                    ConstraintDataType => new VecStoreException(ErrorCode.TypeMismatch, "a value does not have its column's type", inner: ex),
                    ConstraintCheck => new VecStoreException(ErrorCode.TypeMismatch, "a BOOLEAN column takes only TRUE, FALSE, 1 or 0", inner: ex),
                    _ => new VecStoreException(ErrorCode.ConstraintViolation, "a constraint failed: " + ex.Message, inner: ex),
                };
            // SQLite's own limits, should a statement reach one that VecStore did not check first.
            case Error when ex.Message.Contains("too many SQL variables", StringComparison.Ordinal)
                         || ex.Message.Contains("too many columns", StringComparison.Ordinal):
                return new VecStoreException(ErrorCode.LimitExceeded, $"{what}: SQLite's limit was reached ({ex.Message})", inner: ex);
            default:
                return VecStoreException.IoError(file, what, ex);
        }
    }
}
