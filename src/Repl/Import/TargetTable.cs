using System.Data;
using System.Globalization;

namespace VecStore.Repl.Import;

/// <summary>The table an import writes to: its name as declared and its columns in order.</summary>
internal sealed class TargetTable
{
    private TargetTable(string name, IReadOnlyList<ImportColumn> columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>The table's name as declared.</summary>
    public string Name { get; }

    /// <summary>The columns, in declaration order.</summary>
    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The table <paramref name="name"/> (case-insensitive), or null when there is none.</summary>
    public static TargetTable? Read(VecStoreConnection connection, string name)
    {
        using var schema = connection.GetSchema("Columns", [null, null, name]);
        if (schema.Rows.Count == 0)
            return null;
        var columns = new List<(int Ordinal, ImportColumn Column)>();
        string declared = name;
        foreach (DataRow row in schema.Rows)
        {
            declared = (string)row["TABLE_NAME"];
            int dimensions = row["DIMENSIONS"] is DBNull ? 0 : Convert.ToInt32(row["DIMENSIONS"], CultureInfo.InvariantCulture);
            columns.Add((Convert.ToInt32(row["ORDINAL_POSITION"], CultureInfo.InvariantCulture),
                new ImportColumn((string)row["COLUMN_NAME"], (string)row["DATA_TYPE"], dimensions, row["IS_PRIMARY_KEY"] is true)));
        }
        return new TargetTable(declared, [.. columns.OrderBy(c => c.Ordinal).Select(c => c.Column)]);
    }

    /// <summary>The column called <paramref name="name"/> (case-insensitive), or null.</summary>
    public ImportColumn? Find(string name)
    {
        foreach (var column in Columns)
            if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
                return column;
        return null;
    }

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="ImportException">The table has no such column.</exception>
    public ImportColumn Require(string name, string where)
        => Find(name) ?? throw new ImportException($"{where}column '{name}' is not in table '{Name}' (its columns: {string.Join(", ", Columns.Select(c => c.Name))})");
}
