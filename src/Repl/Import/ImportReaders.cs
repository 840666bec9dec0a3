namespace VecStore.Repl.Import;

/// <summary>Picks the reader for a file by its extension: <c>.fvecs</c>, <c>.npy</c>, <c>.csv</c>, <c>.jsonl</c> (also <c>.ndjson</c>, <c>.json</c>).</summary>
internal static class ImportReaders
{
    /// <summary>The extensions <c>.import</c> reads, for messages.</summary>
    public const string Formats = ".fvecs, .npy, .csv or .jsonl";

    /// <summary>Opens <paramref name="path"/> with the reader its extension names, to fill <paramref name="columns"/> (or the default columns) of <paramref name="table"/>.</summary>
    /// <exception cref="ImportException">The extension is unknown, or the file's start does not fit the table.</exception>
    public static IImportReader Open(string path, TargetTable table, IReadOnlyList<string>? columns)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".fvecs" => new FvecsReader(path, VectorFileColumns.Resolve(table, columns, ".fvecs")),
            ".npy" => new NpyReader(path, VectorFileColumns.Resolve(table, columns, ".npy")),
            ".csv" => new CsvReader(path, table, columns),
            ".jsonl" or ".ndjson" or ".json" => new JsonLinesReader(path, table, columns),
            _ => throw new ImportException($"cannot tell the format from the extension '{extension}'; .import reads {Formats}"),
        };
    }
}
