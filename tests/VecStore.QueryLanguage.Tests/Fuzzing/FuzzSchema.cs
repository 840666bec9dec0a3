namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>A column as the statement generator declared it.</summary>
/// <param name="Kind">INTEGER, REAL, TEXT, BLOB, BOOLEAN, VECTOR or BIT.</param>
/// <param name="Dimensions">Elements of a VECTOR or bits of a BIT column; 0 for scalars.</param>
/// <param name="Half">A VECTOR HALF column.</param>
/// <param name="Metric">The column's metric for VECTOR and BIT columns.</param>
internal sealed record FuzzColumn(string Name, string Kind, int Dimensions = 0, bool Half = false, string Metric = "l2", bool NotNull = false)
{
    public bool IsVector => Kind == "VECTOR";

    public bool IsBit => Kind == "BIT";
}

/// <summary>A table the generator created: <c>id INTEGER PRIMARY KEY</c> first, then random columns.</summary>
internal sealed record FuzzTable(string Name, IReadOnlyList<FuzzColumn> Columns, HashSet<string> Indexes)
{
    public FuzzTable Copy() => this with { Indexes = new HashSet<string>(Indexes, StringComparer.OrdinalIgnoreCase) };
}

/// <summary>The schema the generator believes the database has: updated when a statement succeeds, restored on ROLLBACK.</summary>
internal sealed class FuzzSchema
{
    public List<FuzzTable> Tables { get; private set; } = [];

    /// <summary>True between a BEGIN that succeeded and its COMMIT or ROLLBACK.</summary>
    public bool InTransaction { get; private set; }

    private List<FuzzTable>? _atBegin;

    public void Begin()
    {
        InTransaction = true;
        _atBegin = [.. Tables.Select(t => t.Copy())];
    }

    public void Commit()
    {
        InTransaction = false;
        _atBegin = null;
    }

    public void Rollback()
    {
        InTransaction = false;
        Tables = _atBegin ?? Tables;
        _atBegin = null;
    }

    public FuzzTable? Find(string name) => Tables.Find(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces a table by what an ALTER TABLE made of it.</summary>
    public void Change(string name, Func<FuzzTable, FuzzTable> change)
    {
        int i = Tables.FindIndex(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0)
            Tables[i] = change(Tables[i]);
    }
}
