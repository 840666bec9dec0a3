using System.Text;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Metadata;

// ALTER TABLE in the catalog and the SQLite table behind it. As everywhere, the SQL is made of
// catalog ids and fixed keywords; user names and values are bound parameters. The caller holds a
// write transaction, so each change commits whole or not at all.
internal static partial class CatalogStore
{
    /// <summary>True when the table holds at least one row.</summary>
    public static bool HasRows(MetadataConnection db, TableSchema table)
        => Convert.ToInt64(db.Scalar("SELECT EXISTS (SELECT 1 FROM " + table.StorageName + ")", []), System.Globalization.CultureInfo.InvariantCulture) != 0;

    /// <summary>Adds a column at the end of the table; existing rows get its default, or NULL.</summary>
    public static void AddColumn(MetadataConnection db, TableSchema table, ColumnDefinition definition)
    {
        var column = InsertColumn(db, table.TableId, table.Columns.Count, definition);
        var sql = new StringBuilder("ALTER TABLE ").Append(table.StorageName).Append(" ADD COLUMN ");
        AppendColumnSql(sql, column, isRowId: false);
        // SQLite adds a NOT NULL column only with a constant DEFAULT written in the statement. The
        // zero of the storage type written here is VecStore's own constant and never used: every
        // INSERT names every column, and existing rows get the user's default, bound, just below.
        if (column.NotNull)
            sql.Append(" DEFAULT ").Append(column.Type switch
            {
                ColumnType.Real => "0.0",
                ColumnType.Text => "''",
                ColumnType.Blob => "x''",
                _ => "0",
            });
        db.Execute(sql.ToString());
        if (definition.DefaultValue is not null)
            db.Execute("UPDATE " + table.StorageName + " SET \"" + column.StorageName + "\" = $0", [StoredValue(definition.DefaultValue)]);
        BumpVersion(db);
    }

    /// <summary>Drops a column from the SQLite table and the catalog; the caller has dropped its indexes and, for a vector column, logged the drop of its pages.</summary>
    /// <remarks>
    /// A vector column's catalog row stays, under the negated table id, until a checkpoint has applied
    /// its drop record (see <see cref="DropTable"/>); the columns after it move up one place.
    /// </remarks>
    public static void DropColumn(MetadataConnection db, TableSchema table, ColumnSchema column)
    {
        // A vector column's slot trails every scalar index of its table (ScalarIndexSql), and
        // SQLite drops no column an index uses: those indexes are made again without it.
        if (column.IsVector)
        {
            foreach (var index in table.Indexes)
            {
                if (index.Method != IndexMethod.Scalar || index.Columns.Any(c => c.ColumnId == column.ColumnId))
                    continue;
                db.Execute("DROP INDEX IF EXISTS " + index.StorageName);
                db.Execute(ScalarIndexSql(index.IndexId, table, index.Columns, withoutColumnId: column.ColumnId));
            }
        }
        db.Execute("ALTER TABLE " + table.StorageName + " DROP COLUMN \"" + column.StorageName + "\"");
        if (column.IsVector)
        {
            db.Execute("DELETE FROM _vs_free_slots WHERE column_id = $0", [column.ColumnId]);
            db.Execute("UPDATE _vs_columns SET table_id = -table_id WHERE column_id = $0", [column.ColumnId]);
        }
        else
        {
            db.Execute("DELETE FROM _vs_columns WHERE column_id = $0", [column.ColumnId]);
        }
        db.Execute("UPDATE _vs_columns SET ordinal = ordinal - 1 WHERE table_id = $0 AND ordinal > $1", [table.TableId, (long)column.Ordinal]);
        BumpVersion(db);
    }

    /// <summary>Gives a table a new name: catalog data only, the SQLite table is named from the id.</summary>
    public static void RenameTable(MetadataConnection db, TableSchema table, string newName)
    {
        db.Execute("UPDATE _vs_tables SET name = $0, name_key = $1 WHERE table_id = $2", [newName, NameKey(newName), table.TableId]);
        BumpVersion(db);
    }

    /// <summary>Gives a column a new name: catalog data only, the SQLite column is named from the id.</summary>
    public static void RenameColumn(MetadataConnection db, ColumnSchema column, string newName)
    {
        db.Execute("UPDATE _vs_columns SET name = $0 WHERE column_id = $1", [newName, column.ColumnId]);
        BumpVersion(db);
    }
}
