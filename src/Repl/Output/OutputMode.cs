namespace VecStore.Repl.Output;

/// <summary>How result rows are printed, chosen with <c>.mode</c>.</summary>
internal enum OutputMode
{
    /// <summary>An aligned table with a header row and a row count, for people.</summary>
    Table,

    /// <summary>RFC 4180 comma-separated values with a header row, for other programs.</summary>
    Csv,

    /// <summary>A JSON array of objects per result, one object per line, for other programs.</summary>
    Json,
}
