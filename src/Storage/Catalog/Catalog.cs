namespace VecStore.Storage.Catalog;

/// <summary>An immutable snapshot of the database's tables, as of one catalog version.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, TableSchema> _tables;

    /// <summary>Creates a snapshot.</summary>
    public Catalog(long version, IEnumerable<TableSchema> tables)
    {
        Version = version;
        _tables = new Dictionary<string, TableSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in tables)
            _tables[t.Name] = t;
    }

    /// <summary>Increases with every committed schema change.</summary>
    public long Version { get; }

    /// <summary>All tables, in name order.</summary>
    public IReadOnlyList<TableSchema> Tables
    {
        get
        {
            var list = new List<TableSchema>(_tables.Values);
            list.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
            return list;
        }
    }

    /// <summary>Finds a table by name, ignoring case.</summary>
    public TableSchema? FindTable(string name) => _tables.GetValueOrDefault(name);

    /// <summary>Finds an index by name, ignoring case.</summary>
    public IndexSchema? FindIndex(string name)
    {
        foreach (var t in _tables.Values)
            foreach (var index in t.Indexes)
                if (string.Equals(index.Name, name, StringComparison.OrdinalIgnoreCase))
                    return index;
        return null;
    }

    /// <summary>Every vector index, with its table.</summary>
    public IEnumerable<(TableSchema Table, IndexSchema Index)> VectorIndexes()
    {
        foreach (var t in _tables.Values)
            foreach (var index in t.Indexes)
                if (index.Method != IndexMethod.Scalar)
                    yield return (t, index);
    }

    /// <summary>Finds a vector column anywhere in the catalog by its id.</summary>
    public ColumnSchema? FindVectorColumn(long columnId)
    {
        foreach (var t in _tables.Values)
            foreach (var c in t.VectorColumns)
                if (c.ColumnId == columnId)
                    return c;
        return null;
    }
}
