namespace VecStore.Storage;

/// <summary>
/// The sizes VecStore refuses to go beyond, each with a clear error instead of whatever SQLite or
/// memory would do at that size (docs/limits.md lists them with their codes).
/// </summary>
/// <remarks>
/// Statement length and nesting live with the parser (<c>SqlParser</c>), name length with
/// <see cref="Catalog.Identifiers"/>, vector dimensions with the session (they depend on the page size).
/// </remarks>
public static class Limits
{
    /// <summary>Columns in one table: SQLite's own limit (SQLITE_MAX_COLUMN), which each table's rows live under.</summary>
    public const int MaxColumns = 2000;

    /// <summary>Values in one IN list: far above a hand-written list; longer sets belong in a table.</summary>
    public const int MaxInListItems = 10_000;

    /// <summary>Values one SQLite statement may bind (SQLITE_MAX_VARIABLE_NUMBER); every literal and parameter of a condition is bound.</summary>
    public const int MaxBoundValues = 32_766;

    /// <summary>Bytes of one TEXT (as UTF-8) or BLOB value given as a parameter or a bulk-insert value: 16 MiB.</summary>
    public const int MaxValueBytes = 16 * 1024 * 1024;

    /// <summary>The problem with a TEXT or BLOB value's size, or null when it fits.</summary>
    public static string? ValueTooLarge(object? value)
    {
        long bytes = value switch
        {
            // A string of n chars takes at most 3n UTF-8 bytes: only long strings are measured.
            string s when s.Length > MaxValueBytes / 3 => System.Text.Encoding.UTF8.GetByteCount(s),
            byte[] b => b.Length,
            _ => 0,
        };
        return bytes > MaxValueBytes
            ? $"a {(value is string ? "TEXT" : "BLOB")} value of {bytes:N0} bytes is larger than the limit of {MaxValueBytes:N0} bytes (16 MiB) for one value"
            : null;
    }
}
