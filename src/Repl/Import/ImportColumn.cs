namespace VecStore.Repl.Import;

/// <summary>A column of the table an import writes to, as the catalog describes it.</summary>
/// <param name="Name">The column's name as declared.</param>
/// <param name="DataType"><c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c>, <c>BLOB</c>, <c>BOOLEAN</c> or <c>VECTOR</c>.</param>
/// <param name="Dimensions">Dimensions of a vector column; 0 otherwise.</param>
/// <param name="IsPrimaryKey">True for the primary key.</param>
internal sealed record ImportColumn(string Name, string DataType, int Dimensions, bool IsPrimaryKey)
{
    /// <summary>True for a VECTOR column.</summary>
    public bool IsVector => DataType == "VECTOR";

    /// <summary>The type as <c>.schema</c> would show it: <c>VECTOR(3)</c>, <c>INTEGER</c>.</summary>
    public string TypeText => IsVector ? $"VECTOR({Dimensions})" : DataType;
}
