using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>
/// Everything a connection sees, read back through SQL: the tables and indexes it lists and every
/// row of every table. Two snapshots with the same <see cref="Fingerprint"/> hold the same data.
/// </summary>
internal sealed class DatabaseSnapshot
{
    private DatabaseSnapshot(Dictionary<string, List<Dictionary<string, object?>>> rows, string fingerprint, long rowCount)
    {
        Rows = rows;
        Fingerprint = fingerprint;
        RowCount = rowCount;
    }

    /// <summary>Each table's rows (column name to value), by table name, ignoring case.</summary>
    public Dictionary<string, List<Dictionary<string, object?>>> Rows { get; }

    /// <summary>A SHA-256 over the schema, the row counts and every value.</summary>
    public string Fingerprint { get; }

    public long RowCount { get; }

    public static DatabaseSnapshot Take(VecStoreConnection connection)
    {
        var rows = new Dictionary<string, List<Dictionary<string, object?>>>(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        long count = 0;
        foreach (var (name, definition) in connection.GetTables().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            text.Append(definition).Append('\n');
            var tableRows = new List<Dictionary<string, object?>>();
            var lines = new List<string>();
            using (var command = new VecStoreCommand($"SELECT * FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    var line = new StringBuilder();
                    for (int i = 0; i < reader.FieldCount; i++)
                    {
                        object? value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        row[reader.GetName(i)] = value;
                        line.Append(Format(value)).Append('|');
                    }
                    tableRows.Add(row);
                    lines.Add(line.ToString());
                }
            }
            lines.Sort(StringComparer.Ordinal);
            text.Append(lines.Count).Append(" rows\n");
            foreach (var line in lines)
                text.Append(line).Append('\n');
            rows[name] = tableRows;
            count += tableRows.Count;
        }
        foreach (var index in connection.GetIndexes().OrderBy(i => i.Name, StringComparer.Ordinal))
            text.Append(index.Definition).Append('\n');
        string fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new DatabaseSnapshot(rows, fingerprint, count);
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        float[] v => "[" + string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        Half[] v => "[" + string.Join(",", v.Select(x => ((float)x).ToString("R", CultureInfo.InvariantCulture))) + "]",
        byte[] b => "x" + Convert.ToHexString(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e and not string => "{" + string.Join(",", e.Cast<object?>().Select(Format)) + "}",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
