using System.Globalization;
using System.Text;

namespace VecStore.Durability.Tests.Backups;

/// <summary>A database with every vector element type, several metrics, NULL vectors, freed slots and HNSW and IVF indexes, and a bit-exact dump of it.</summary>
internal static class SampleDatabase
{
    public const int Dimensions = 16;

    public static readonly string[] Tables = ["docs", "tags"];

    /// <summary>Creates the tables and indexes and fills them: <paramref name="rows"/> docs, rows/2 tags; every 7th vector NULL; some rows updated and deleted.</summary>
    public static void Fill(VecStoreConnection connection, int rows, int seed)
    {
        Sql.Execute(connection, $"CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, price REAL, ok BOOLEAN, data BLOB, v VECTOR({Dimensions}), c VECTOR({Dimensions}) METRIC cosine)");
        Sql.Execute(connection, $"CREATE TABLE tags (k TEXT PRIMARY KEY, h VECTOR({Dimensions}) HALF METRIC ip, b BIT(70))");
        var random = new Random(seed);
        using (var transaction = connection.BeginTransaction())
        {
            for (int id = 1; id <= rows; id++)
                Sql.Execute(connection, "INSERT INTO docs VALUES (@id, @t, @p, @o, @d, @v, @c)", transaction,
                    ("id", id), ("t", id % 11 == 0 ? DBNull.Value : "title " + id), ("p", Math.Round(random.NextDouble() * 100, 3)),
                    ("o", id % 2 == 0), ("d", id % 5 == 0 ? DBNull.Value : new byte[] { (byte)id, (byte)(id >> 8), 7 }),
                    ("v", id % 7 == 0 ? DBNull.Value : Vector(random)), ("c", Vector(random)));
            for (int i = 0; i < rows / 2; i++)
                Sql.Execute(connection, "INSERT INTO tags VALUES (@k, @h, @b)", transaction,
                    ("k", "tag-" + i.ToString("D5", CultureInfo.InvariantCulture)), ("h", i % 7 == 3 ? DBNull.Value : Vector(random)), ("b", Bits(random)));
            transaction.Commit();
        }
        Sql.Execute(connection, "CREATE INDEX docs_v ON docs USING HNSW (v)");
        Sql.Execute(connection, "CREATE INDEX docs_c ON docs USING IVF (c) WITH (lists = 4)");
        Sql.Execute(connection, "CREATE INDEX tags_h ON tags USING HNSW (h)");
        Sql.Execute(connection, "DELETE FROM docs WHERE id % 9 = 4");
        Sql.Execute(connection, "UPDATE docs SET v = NULL WHERE id % 13 = 1");
        Sql.Execute(connection, "UPDATE tags SET h = @h WHERE k < 'tag-00010'", null, ("h", Vector(random)));
    }

    public static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        for (int d = 0; d < v.Length; d++)
            v[d] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }

    private static bool[] Bits(Random random)
    {
        var b = new bool[70];
        for (int i = 0; i < b.Length; i++)
            b[i] = random.Next(3) == 0;
        return b;
    }

    /// <summary>Every row of every table in key order, each value written exactly (floats as their bits).</summary>
    public static List<string> Dump(VecStoreConnection connection)
    {
        var lines = new List<string>();
        foreach (var (table, key) in (ReadOnlySpan<(string, string)>)[("docs", "id"), ("tags", "k")])
        {
            using var command = new VecStoreCommand($"SELECT * FROM {table} ORDER BY {key}", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var line = new StringBuilder(table);
                for (int i = 0; i < reader.FieldCount; i++)
                    line.Append('|').Append(Exact(reader.GetValue(i)));
                lines.Add(line.ToString());
            }
        }
        return lines;
    }

    /// <summary>The ids of the 10 nearest docs by <c>v</c> and by <c>c</c> (through their indexes unless <paramref name="exact"/>), and the 10 nearest tags.</summary>
    public static string Nearest(VecStoreConnection connection, float[] q, bool exact)
    {
        string with = exact ? " WITH (strategy = 'flat')" : "";
        var parts = new List<string>();
        foreach (var sql in (ReadOnlySpan<string>)[
            "SELECT id FROM docs ORDER BY distance(v, @q) LIMIT 10" + with,
            "SELECT id FROM docs ORDER BY distance(c, @q) LIMIT 10" + with,
            "SELECT k FROM tags ORDER BY distance(h, @q) LIMIT 10" + with])
        {
            using var command = new VecStoreCommand(sql, connection);
            command.Parameters.AddWithValue("q", q);
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
                ids.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            parts.Add(string.Join(",", ids));
        }
        return string.Join(" / ", parts);
    }

    /// <summary>Every index's CREATE INDEX statement, in catalog order.</summary>
    public static string IndexDefinitions(VecStoreConnection connection)
        => string.Join("; ", connection.GetIndexes().Select(i => i.Definition));

    public static long Count(VecStoreConnection connection, string table)
    {
        using var command = new VecStoreCommand($"SELECT count(*) FROM {table}", connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement that returns one row and gives that row's values.</summary>
    public static object?[] Row(VecStoreConnection connection, string sql)
    {
        using var command = new VecStoreCommand(sql, connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), sql + " returned no row");
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        Assert.False(reader.Read(), sql + " returned more than one row");
        return values;
    }

    private static string Exact(object? value) => value switch
    {
        null or DBNull => "NULL",
        float[] v => "f[" + string.Join(",", v.Select(x => BitConverter.SingleToInt32Bits(x).ToString("X8", CultureInfo.InvariantCulture))) + "]",
        bool[] b => "b[" + string.Concat(b.Select(x => x ? '1' : '0')) + "]",
        byte[] bytes => "x" + Convert.ToHexString(bytes),
        double d => "d" + BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
