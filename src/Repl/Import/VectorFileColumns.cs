namespace VecStore.Repl.Import;

/// <summary>Which columns a file of bare vectors (.fvecs, .npy) fills: the vector column, and optionally one for the 0-based row number.</summary>
/// <remarks>
/// With one named column, it gets the vectors. With two, the first gets the row number (0, 1, 2, ...,
/// the ids TEXMEX ground truth uses) and the second the vectors. With none, the table's only vector
/// column gets the vectors and its INTEGER PRIMARY KEY, if it has one, the row number.
/// </remarks>
/// <param name="RowNumber">The column given the 0-based row number, or null.</param>
/// <param name="Vector">The column given the vectors.</param>
internal sealed record VectorFileColumns(ImportColumn? RowNumber, ImportColumn Vector)
{
    /// <summary>The column names, in the order rows hold their values.</summary>
    public IReadOnlyList<string> Names => RowNumber is null ? [Vector.Name] : [RowNumber.Name, Vector.Name];

    /// <summary>Picks the columns for <paramref name="table"/> from the names given (or none).</summary>
    /// <exception cref="ImportException">The names do not fit the rule.</exception>
    public static VectorFileColumns Resolve(TargetTable table, IReadOnlyList<string>? names, string format)
    {
        if (names is null || names.Count == 0)
        {
            var vectors = table.Columns.Where(c => c.IsVector).ToList();
            if (vectors.Count != 1)
                throw new ImportException($"table '{table.Name}' has {vectors.Count} vector columns; name the one to fill: .import FILE INTO {table.Name} (column)");
            var key = table.Columns.FirstOrDefault(c => c.IsPrimaryKey && c.DataType == "INTEGER");
            return new VectorFileColumns(key, vectors[0]);
        }
        if (names.Count > 2)
            throw new ImportException($"a {format} file fills one vector column, or a row-number column and a vector column; {names.Count} columns were named");
        var vector = table.Require(names[^1], "");
        if (!vector.IsVector)
            throw new ImportException($"column '{vector.Name}' is {vector.TypeText}, not a vector column; a {format} file holds vectors");
        if (names.Count == 1)
            return new VectorFileColumns(null, vector);
        var rowNumber = table.Require(names[0], "");
        if (rowNumber.DataType is not ("INTEGER" or "REAL"))
            throw new ImportException($"column '{rowNumber.Name}' is {rowNumber.TypeText}; the first of two columns gets the row number, so it must be INTEGER");
        return new VectorFileColumns(rowNumber, vector);
    }

    /// <summary>The row for vector <paramref name="index"/> (0-based).</summary>
    public object?[] Row(long index, float[] vector) => RowNumber is null ? [vector] : [index, vector];
}
