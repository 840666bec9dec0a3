namespace VecStore.Storage.Catalog;

/// <summary>One change ALTER TABLE makes to a table, already checked by the binder.</summary>
public abstract record TableAlteration
{
    private protected TableAlteration()
    {
    }
}

/// <summary>Adds a column; existing rows get its default (vector columns: NULL).</summary>
/// <param name="Column">The column as CREATE TABLE would declare it; not part of the primary key.</param>
/// <param name="IfNotExists">Do nothing when the table has a column of that name.</param>
public sealed record AddColumn(ColumnDefinition Column, bool IfNotExists) : TableAlteration;

/// <summary>Drops a column and the indexes on it.</summary>
/// <param name="Name">The column.</param>
/// <param name="IfExists">Do nothing when the table has no column of that name.</param>
public sealed record DropColumn(string Name, bool IfExists) : TableAlteration;

/// <summary>Gives the table a new name.</summary>
public sealed record RenameTable(string NewName) : TableAlteration;

/// <summary>Gives a column a new name.</summary>
public sealed record RenameColumn(string Name, string NewName) : TableAlteration;
