using VecStore.QueryLanguage.Binding.Bound;
using VecStore.QueryLanguage.Parsing.Syntax;
using VecStore.Storage;
using VecStore.Storage.Catalog;

namespace VecStore.QueryLanguage.Binding;

// ALTER TABLE: the checks that can point at the text. Storage repeats them (and checks what needs
// the rows, such as a NOT NULL column added without a DEFAULT to a table that has rows).
internal sealed partial class Binder
{
    private BoundStatement BindAlterTable(AlterTableStatement alter)
    {
        var table = FindTable(alter.Table);
        TableAlteration change = alter.Action switch
        {
            AddColumnAction add => BindAddColumn(table, add),
            DropColumnAction drop => BindDropColumn(table, drop),
            RenameTableAction rename => BindRenameTable(table, rename),
            RenameColumnAction rename => BindRenameColumn(table, rename),
            _ => throw new ArgumentOutOfRangeException(nameof(alter)),
        };
        return new BoundAlterTable(alter.Table.Text, change, alter.Span);
    }

    private AddColumn BindAddColumn(TableSchema? table, AddColumnAction add)
    {
        int primaryKeys = 0;
        var column = BindColumnDefinition(add.Column, ref primaryKeys);
        if (primaryKeys > 0)
            Error(ErrorCode.UnsupportedOperation, add.Column.Span, "ALTER TABLE ... ADD COLUMN cannot add a PRIMARY KEY column; create the table with its key");
        if (table is not null)
        {
            if (table.FindColumn(column.Name) is { } existing && !add.IfNotExists)
                Error(ErrorCode.DuplicateColumn, add.Column.Name.Span, $"table '{table.Name}' already has a column '{existing.Name}'");
            else if (table.Columns.Count >= Limits.MaxColumns)
                Error(ErrorCode.LimitExceeded, add.Column.Name.Span, $"table '{table.Name}' has {table.Columns.Count:N0} columns; a table has at most {Limits.MaxColumns:N0}");
        }
        return new AddColumn(column, add.IfNotExists);
    }

    private DropColumn BindDropColumn(TableSchema? table, DropColumnAction drop)
    {
        var column = table?.FindColumn(drop.Column.Text);
        if (table is not null && column is null && !drop.IfExists)
            Error(ErrorCode.UnknownColumn, drop.Column.Span, $"table '{table.Name}' has no column '{drop.Column.Text}'");
        else if (column is { IsPrimaryKey: true })
            Error(ErrorCode.UnsupportedOperation, drop.Column.Span, $"column '{column.Name}' is part of the primary key of table '{table!.Name}' and cannot be dropped");
        else if (column is not null && table!.Columns.Count == 1)
            Error(ErrorCode.UnsupportedOperation, drop.Column.Span, $"column '{column.Name}' is the last column of table '{table.Name}'; DROP TABLE removes the table");
        return new DropColumn(drop.Column.Text, drop.IfExists);
    }

    private RenameTable BindRenameTable(TableSchema? table, RenameTableAction rename)
    {
        string name = rename.NewName.Text;
        if (Identifiers.Problem(name) is { } problem)
            Error(ErrorCode.InvalidIdentifier, rename.NewName.Span, $"table name '{name}': {problem}");
        else if (table is not null && _catalog.FindTable(name) is { } other && other.TableId != table.TableId)
            Error(ErrorCode.TableAlreadyExists, rename.NewName.Span, $"table '{other.Name}' already exists");
        return new RenameTable(name);
    }

    private RenameColumn BindRenameColumn(TableSchema? table, RenameColumnAction rename)
    {
        string name = rename.NewName.Text;
        var column = table is null ? null : FindColumn(table, rename.Column);
        if (Identifiers.Problem(name) is { } problem)
            Error(ErrorCode.InvalidIdentifier, rename.NewName.Span, $"column name '{name}': {problem}");
        else if (column is not null && table!.FindColumn(name) is { } other && other.ColumnId != column.ColumnId)
            Error(ErrorCode.DuplicateColumn, rename.NewName.Span, $"table '{table.Name}' already has a column '{other.Name}'");
        return new RenameColumn(rename.Column.Text, name);
    }
}
