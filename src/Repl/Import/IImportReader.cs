namespace VecStore.Repl.Import;

/// <summary>One file format's reader for <c>.import</c>: the columns it fills and its rows, converted for <see cref="VecStoreBulkInsert"/>.</summary>
/// <remarks>
/// Rows are read lazily, one at a time, as the bulk insert consumes them, so a file larger than memory
/// streams through. A problem in the file is thrown as an <see cref="ImportException"/> naming its place;
/// the bulk insert then rolls back, so nothing is half imported.
/// </remarks>
internal interface IImportReader : IDisposable
{
    /// <summary>The table columns each row holds values for, in order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>How many rows the file holds, when the format tells (for the progress bar); null otherwise.</summary>
    long? ExpectedRows { get; }

    /// <summary>The rows, in file order.</summary>
    IEnumerable<object?[]> Rows();

    /// <summary>Where the 1-based <paramref name="row"/>th row is in the file: <c>line 7</c>, <c>vector 3</c>.</summary>
    string Locate(long row);
}
