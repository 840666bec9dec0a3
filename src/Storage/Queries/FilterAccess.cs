namespace VecStore.Storage.Queries;

/// <summary>How SQLite finds the rows that pass a filter, with the vector slot each one has: what listing them costs.</summary>
public enum FilterAccess
{
    /// <summary>It reads the whole table: the cost grows with the table.</summary>
    TableScan,

    /// <summary>It searches an index of the filter's columns and looks each passing row up in the table for its slot.</summary>
    Index,

    /// <summary>It searches an index that also holds the slots (every scalar index made since the slots trail them): no table lookups.</summary>
    CoveringIndex,
}
