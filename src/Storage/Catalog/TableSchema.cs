using System.Globalization;
using System.Text;

namespace VecStore.Storage.Catalog;

/// <summary>A user table: its columns in declared order and the SQLite table that stores its rows.</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, ColumnSchema> _byName;

    /// <summary>Creates a table schema; columns must be in ordinal order.</summary>
    public TableSchema(long tableId, string name, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<IndexSchema>? indexes = null)
    {
        TableId = tableId;
        Name = name;
        Columns = columns;
        Indexes = indexes ?? [];
        _byName = new Dictionary<string, ColumnSchema>(StringComparer.OrdinalIgnoreCase);
        var vectors = new List<ColumnSchema>();
        var key = new List<ColumnSchema>();
        foreach (var column in columns)
        {
            _byName[column.Name] = column;
            if (column.IsVector)
                vectors.Add(column);
            if (column.IsPrimaryKey)
                key.Add(column);
        }
        key.Sort((a, b) => a.PrimaryKeyPosition.CompareTo(b.PrimaryKeyPosition));
        VectorColumns = vectors;
        PrimaryKey = key;
    }

    /// <summary>Catalog id; never reused after the table is dropped.</summary>
    public long TableId { get; }

    /// <summary>The name as declared.</summary>
    public string Name { get; }

    /// <summary>Columns in declared order.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>The <c>VECTOR(n)</c> columns, in declared order.</summary>
    public IReadOnlyList<ColumnSchema> VectorColumns { get; }

    /// <summary>The table's indexes, scalar and vector, in creation order.</summary>
    public IReadOnlyList<IndexSchema> Indexes { get; }

    /// <summary>The vector index over <paramref name="column"/>, or null.</summary>
    public IndexSchema? VectorIndexOn(ColumnSchema column)
    {
        foreach (var index in Indexes)
            if (index.Method != IndexMethod.Scalar && index.Columns.Count == 1 && index.Columns[0].ColumnId == column.ColumnId)
                return index;
        return null;
    }

    /// <summary>Primary key columns in key order; empty when the table has none.</summary>
    public IReadOnlyList<ColumnSchema> PrimaryKey { get; }

    /// <summary>The quoted name of the SQLite table holding the rows, made from the id only.</summary>
    public string StorageName => "\"t" + TableId.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>True when a single INTEGER primary key is SQLite's row id, as in SQLite.</summary>
    public bool KeyIsRowId => PrimaryKey.Count == 1 && PrimaryKey[0].Type == ColumnType.Integer;

    /// <summary>Finds a column by name, ignoring case.</summary>
    public ColumnSchema? FindColumn(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The table as a CREATE TABLE statement in VecStore's dialect.</summary>
    public string ToCreateStatement()
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(Identifiers.Quote(Name)).Append(" (");
        for (int i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            sql.Append(i == 0 ? "\n  " : ",\n  ").Append(Identifiers.Quote(c.Name)).Append(' ').Append(c.TypeText);
            if (PrimaryKey.Count == 1 && c.IsPrimaryKey)
                sql.Append(" PRIMARY KEY");
            if (c.NotNull && !(PrimaryKey.Count == 1 && c.IsPrimaryKey))
                sql.Append(" NOT NULL");
            if (c.DefaultValue is not null)
                sql.Append(" DEFAULT ").Append(SqlLiterals.Format(c.DefaultValue));
        }
        if (PrimaryKey.Count > 1)
        {
            sql.Append(",\n  PRIMARY KEY (");
            for (int i = 0; i < PrimaryKey.Count; i++)
                sql.Append(i == 0 ? "" : ", ").Append(Identifiers.Quote(PrimaryKey[i].Name));
            sql.Append(')');
        }
        return sql.Append("\n);").ToString();
    }
}
