namespace VecStore.Storage.Functions;

/// <summary>The error a VecStore SQL function raised while SQLite ran a statement, until the caller that sees SQLite's error takes it.</summary>
/// <remarks>
/// A function tells SQLite it failed (<c>sqlite3_result_error</c>); SQLite then fails the step, and
/// Microsoft.Data.Sqlite throws a <c>SqliteException</c> on the same thread.
/// <see cref="Metadata.SqliteErrors.Translate"/> takes the error recorded here and throws it instead,
/// with its own code and message. Per thread, because the function runs on the thread that steps
/// the statement; a statement start clears a leftover.
/// </remarks>
internal static class FunctionErrors
{
    [ThreadStatic]
    private static VecStoreException? _pending;

    /// <summary>Records the error a function is about to report to SQLite.</summary>
    public static void Record(VecStoreException error) => _pending = error;

    /// <summary>The recorded error, cleared; null when none.</summary>
    public static VecStoreException? Take()
    {
        var error = _pending;
        _pending = null;
        return error;
    }
}
