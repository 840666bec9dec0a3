using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// ALTER TABLE: add, drop and rename columns, rename tables. Each is one statement of the
// session's write transaction: the catalog rows, the SQLite table and, for a dropped vector
// column, the log record that frees its pages commit together or not at all.
public sealed partial class Session
{
    /// <summary>Changes a table; false when IF [NOT] EXISTS made the change unnecessary.</summary>
    public bool AlterTable(string tableName, TableAlteration change)
    {
        RequireWriteStatement();
        var table = _catalog.FindTable(tableName)
            ?? throw new VecStoreException(ErrorCode.UnknownTable, $"no such table: '{tableName}'");
        try
        {
            bool changed = change switch
            {
                AddColumn add => AddColumn(table, add),
                DropColumn drop => DropColumn(table, drop),
                RenameTable rename => RenameTable(table, rename.NewName),
                RenameColumn rename => RenameColumn(table, rename),
                _ => throw new ArgumentOutOfRangeException(nameof(change)),
            };
            if (changed)
                RefreshCatalog();
            return changed;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "altering a table");
        }
    }

    private bool AddColumn(TableSchema table, AddColumn add)
    {
        var c = add.Column;
        if (table.FindColumn(c.Name) is not null)
        {
            if (add.IfNotExists)
                return false;
            throw new VecStoreException(ErrorCode.DuplicateColumn, $"table '{table.Name}' already has a column '{c.Name}'");
        }
        if (Identifiers.Problem(c.Name) is { } problem)
            throw new VecStoreException(ErrorCode.InvalidIdentifier, $"column name '{c.Name}': {problem}");
        if (table.Columns.Count >= Limits.MaxColumns)
            throw new VecStoreException(ErrorCode.LimitExceeded, $"table '{table.Name}' has {table.Columns.Count:N0} columns; a table has at most {Limits.MaxColumns:N0}");
        if (c.PrimaryKeyPosition > 0)
            throw new VecStoreException(ErrorCode.UnsupportedOperation, "ALTER TABLE ... ADD COLUMN cannot add a PRIMARY KEY column; create the table with its key");
        if (c.Type == ColumnType.Vector && DimensionLimits.Problem(c.Element, c.Dimensions) is { } size)
            throw new VecStoreException(ErrorCode.InvalidDimensions, size);
        if (c.Type == ColumnType.Vector && c.DefaultValue is not null)
            throw new VecStoreException(ErrorCode.UnsupportedOperation, "a vector column cannot have a DEFAULT");
        // As in PostgreSQL: existing rows would hold NULL in a NOT NULL column.
        if (c.NotNull && c.DefaultValue is null && CatalogStore.HasRows(_db, table))
            throw new VecStoreException(ErrorCode.NotNullViolation,
                $"column '{c.Name}' is NOT NULL without a DEFAULT, and table '{table.Name}' has rows that would hold NULL; give it a DEFAULT, or add it as NULL and fill it in");
        CatalogStore.AddColumn(_db, table, c);
        return true;
    }

    private bool DropColumn(TableSchema table, DropColumn drop)
    {
        var column = table.FindColumn(drop.Name);
        if (column is null)
        {
            if (drop.IfExists)
                return false;
            throw new VecStoreException(ErrorCode.UnknownColumn, $"table '{table.Name}' has no column '{drop.Name}'");
        }
        if (column.IsPrimaryKey)
            throw new VecStoreException(ErrorCode.UnsupportedOperation, $"column '{column.Name}' is part of the primary key of table '{table.Name}' and cannot be dropped");
        if (table.Columns.Count == 1)
            throw new VecStoreException(ErrorCode.UnsupportedOperation, $"column '{column.Name}' is the last column of table '{table.Name}'; DROP TABLE removes the table");
        // As in PostgreSQL, the indexes on the column go with it; a vector index's file goes when the statement commits.
        foreach (var index in table.Indexes)
        {
            if (!index.Columns.Any(c => c.ColumnId == column.ColumnId))
                continue;
            CatalogStore.DropIndex(_db, index);
            NoteDropped(index);
        }
        // The next checkpoint frees the column's pages, as for a dropped table.
        if (column.IsVector)
            VectorLog.AppendDrop(_db, column.ColumnId);
        CatalogStore.DropColumn(_db, table, column);
        return true;
    }

    private bool RenameTable(TableSchema table, string newName)
    {
        if (Identifiers.Problem(newName) is { } problem)
            throw new VecStoreException(ErrorCode.InvalidIdentifier, $"table name '{newName}': {problem}");
        if (_catalog.FindTable(newName) is { } other && other.TableId != table.TableId)
            throw new VecStoreException(ErrorCode.TableAlreadyExists, $"table '{other.Name}' already exists");
        CatalogStore.RenameTable(_db, table, newName);
        return true;
    }

    private bool RenameColumn(TableSchema table, RenameColumn rename)
    {
        var column = table.FindColumn(rename.Name)
            ?? throw new VecStoreException(ErrorCode.UnknownColumn, $"table '{table.Name}' has no column '{rename.Name}'");
        if (Identifiers.Problem(rename.NewName) is { } problem)
            throw new VecStoreException(ErrorCode.InvalidIdentifier, $"column name '{rename.NewName}': {problem}");
        if (table.FindColumn(rename.NewName) is { } other && other.ColumnId != column.ColumnId)
            throw new VecStoreException(ErrorCode.DuplicateColumn, $"table '{table.Name}' already has a column '{other.Name}'");
        CatalogStore.RenameColumn(_db, column, rename.NewName);
        return true;
    }
}
