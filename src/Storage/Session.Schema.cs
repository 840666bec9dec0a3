using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Pages;
using VecStore.Storage.Wal;

namespace VecStore.Storage;

// CREATE TABLE and DROP TABLE.
public sealed partial class Session
{
    /// <summary>How many dimensions (or bits) a vector column of each type may have with this database's page size.</summary>
    public DimensionLimits DimensionLimits => new(_database.Vectors.PageSize);

    /// <summary>Creates a table; false when it exists and <paramref name="ifNotExists"/> is set.</summary>
    public bool CreateTable(TableDefinition definition, bool ifNotExists)
    {
        RequireWriteStatement();
        if (_catalog.FindTable(definition.Name) is not null)
        {
            if (ifNotExists)
                return false;
            throw new VecStoreException(ErrorCode.TableAlreadyExists, $"table '{definition.Name}' already exists");
        }
        Validate(definition);
        try
        {
            CatalogStore.CreateTable(_db, definition);
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "creating a table");
        }
        return true;
    }

    /// <summary>Drops a table and frees its vectors; false when it does not exist and <paramref name="ifExists"/> is set.</summary>
    public bool DropTable(string name, bool ifExists)
    {
        RequireWriteStatement();
        var table = _catalog.FindTable(name);
        if (table is null)
        {
            if (ifExists)
                return false;
            throw new VecStoreException(ErrorCode.UnknownTable, $"no such table: '{name}'");
        }
        try
        {
            foreach (var column in table.VectorColumns)
                VectorLog.AppendDrop(_db, column.ColumnId);
            foreach (var index in table.Indexes)
                NoteDropped(index);
            CatalogStore.DropTable(_db, table);
            RefreshCatalog();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, DisplayName, "dropping a table");
        }
        return true;
    }

    // The binder checks these with positions in the text; here they guard the files from any caller.
    private void Validate(TableDefinition definition)
    {
        if (Identifiers.Problem(definition.Name) is { } problem)
            throw new VecStoreException(ErrorCode.InvalidIdentifier, $"table name '{definition.Name}': {problem}");
        if (definition.Columns.Count == 0)
            throw new VecStoreException(ErrorCode.SyntaxError, $"table '{definition.Name}' needs at least one column");
        if (definition.Columns.Count > Limits.MaxColumns)
            throw new VecStoreException(ErrorCode.LimitExceeded, $"table '{definition.Name}' has {definition.Columns.Count:N0} columns; a table has at most {Limits.MaxColumns:N0}");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in definition.Columns)
        {
            if (Identifiers.Problem(c.Name) is { } columnProblem)
                throw new VecStoreException(ErrorCode.InvalidIdentifier, $"column name '{c.Name}': {columnProblem}");
            if (!names.Add(c.Name))
                throw new VecStoreException(ErrorCode.DuplicateColumn, $"column '{c.Name}' appears twice in table '{definition.Name}'");
            if (c.Type == ColumnType.Vector && DimensionLimits.Problem(c.Element, c.Dimensions) is { } size)
                throw new VecStoreException(ErrorCode.InvalidDimensions, size);
            if (c.Type == ColumnType.Vector && c.PrimaryKeyPosition > 0)
                throw new VecStoreException(ErrorCode.UnsupportedOperation, $"vector column '{c.Name}' cannot be part of the primary key");
        }
    }

    private StatementScope RequireWriteStatement()
    {
        if (_scope is not { Writes: true } scope)
            throw new InvalidOperationException("a write statement must be started first");
        // A write may change what a filter passes: this session's remembered estimates go.
        ForgetEstimates();
        return scope;
    }

    private StatementScope RequireStatement()
        => _scope ?? throw new InvalidOperationException("a statement must be started first");
}
