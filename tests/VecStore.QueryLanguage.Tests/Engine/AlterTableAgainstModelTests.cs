using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// Random sequences of ALTER TABLE (adding, dropping and renaming scalar and vector columns)
/// mixed with inserts, updates, deletes and checkpoints, against an in-memory model: after every
/// step the table holds what the model holds, and the nearest rows of every vector column (one of
/// them with an HNSW index) are those a brute force over the model finds; after reopening too,
/// and CHECK finds every file ok.
/// </summary>
public sealed class AlterTableAgainstModelTests
{
    private const int Steps = 50;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 3).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Alters_and_writes_keep_rows_and_search_results_equal_to_the_model(int seed)
    {
        var random = new Random(seed);
        using var dir = new TempDirectory();
        // A small checkpoint threshold makes automatic checkpoints happen between the steps too.
        string cs = $"Data Source={dir.File("alter.vdb")};Checkpoint Threshold={random.Next(2000, 20000)}";
        var model = new Model();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, e VECTOR(4) METRIC cosine)");
            model.Columns.Add(new Column("a", ColumnKind.Integer, 0, "l2", null));
            var indexed = new Column("e", ColumnKind.Vector, 4, "cosine", null);
            model.Columns.Add(indexed);
            for (int i = 0; i < 40; i++)
                Insert(connection, random, model);
            connection.Execute("CREATE INDEX t_e ON t USING HNSW (e) WITH (ef_search = 1000)");

            for (int step = 0; step < Steps; step++)
            {
                string done = Step(connection, random, model, indexed);
                Compare(connection, random, model, $"seed {seed}, step {step} ({done})");
            }
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Compare(connection, random, model, $"seed {seed}, reopened");
            var problems = connection.Query("CHECK").Cast<IDictionary<string, object>>().Where(row => (string)row["status"] != "ok").Select(row => string.Join(" ", row.Values)).ToList();
            Assert.True(problems.Count == 0, string.Join("; ", problems));
        }
    }

    /// <summary>One random change, made to the database and the model alike; returns what it was.</summary>
    private static string Step(VecStoreConnection connection, Random random, Model model, Column indexed)
    {
        var others = model.Columns.Where(c => c != indexed).ToList();
        switch (random.Next(10))
        {
            case 0:
            {
                var column = new Column(model.NewName(), ColumnKind.Integer, 0, "l2", random.Next(2) == 0 ? null : (long)random.Next(100));
                connection.Execute($"ALTER TABLE t ADD COLUMN {column.Name} INTEGER" + (column.Default is { } d ? $" DEFAULT {d}" : ""));
                model.Add(column);
                return "add " + column.Name;
            }
            case 1:
            {
                var column = new Column(model.NewName(), ColumnKind.Text, 0, "l2", random.Next(2) == 0 ? null : "s" + random.Next(10));
                connection.Execute($"ALTER TABLE t ADD {column.Name} TEXT" + (column.Default is { } d ? $" NOT NULL DEFAULT '{d}'" : ""));
                model.Add(column);
                return "add " + column.Name;
            }
            case 2:
            {
                string metric = new[] { "l2", "cosine", "l1", "ip" }[random.Next(4)];
                var column = new Column(model.NewName(), ColumnKind.Vector, random.Next(1, 7), metric, null);
                connection.Execute($"ALTER TABLE t ADD COLUMN {column.Name} VECTOR({column.Dimensions}) METRIC {metric}");
                model.Add(column);
                return "add " + column.Name;
            }
            case 3 when others.Count > 0:
            {
                var column = others[random.Next(others.Count)];
                connection.Execute($"ALTER TABLE t DROP COLUMN {column.Name}");
                model.Columns.Remove(column);
                return "drop " + column.Name;
            }
            case 4:
            {
                var column = model.Columns[random.Next(model.Columns.Count)];
                string name = model.NewName();
                connection.Execute($"ALTER TABLE t RENAME {(random.Next(2) == 0 ? "COLUMN " : "")}{column.Name} TO {name}");
                string old = column.Name;
                column.Name = name;
                return $"rename {old} to {name}";
            }
            case 5 or 6:
            {
                int count = random.Next(1, 6);
                for (int i = 0; i < count; i++)
                    Insert(connection, random, model);
                return $"insert {count}";
            }
            case 7:
            {
                var vectors = model.Columns.Where(c => c.Kind == ColumnKind.Vector).ToList();
                if (vectors.Count == 0 || model.Rows.Count == 0)
                    return "nothing";
                var column = vectors[random.Next(vectors.Count)];
                long id = model.Rows.Keys.ElementAt(random.Next(model.Rows.Count));
                var value = random.Next(5) == 0 ? null : RandomVectors.Uniform(random, 1, column.Dimensions);
                connection.Execute($"UPDATE t SET {column.Name} = @v WHERE id = @id", new { id, v = value });
                model.Rows[id][column] = value;
                return $"update {column.Name} of {id}";
            }
            case 8 when model.Rows.Count > 0:
            {
                long id = model.Rows.Keys.ElementAt(random.Next(model.Rows.Count));
                connection.Execute("DELETE FROM t WHERE id = @id", new { id });
                model.Rows.Remove(id);
                return "delete " + id;
            }
            default:
                connection.Checkpoint();
                return "checkpoint";
        }
    }

    private static void Insert(VecStoreConnection connection, Random random, Model model)
    {
        long id = model.NextId++;
        var values = new Dictionary<Column, object?>();
        var names = new List<string> { "id" };
        var parameters = new DynamicParameters();
        parameters.Add("id", id);
        foreach (var column in model.Columns)
        {
            // Left out, a column takes its default.
            if (random.Next(4) == 0)
            {
                values[column] = column.Default;
                continue;
            }
            object? value = column.Kind switch
            {
                ColumnKind.Integer => random.Next(5) == 0 ? null : (long)random.Next(1000),
                ColumnKind.Text => column.Default is not null || random.Next(5) != 0 ? "r" + random.Next(1000) : null,
                _ => random.Next(6) == 0 ? null : RandomVectors.Uniform(random, 1, column.Dimensions),
            };
            values[column] = value;
            names.Add(column.Name);
            parameters.Add("p" + names.Count, value);
        }
        connection.Execute($"INSERT INTO t ({string.Join(", ", names)}) VALUES (@id{string.Concat(Enumerable.Range(2, names.Count - 1).Select(i => ", @p" + i))})", parameters);
        model.Rows[id] = values;
    }

    private static void Compare(VecStoreConnection connection, Random random, Model model, string context)
    {
        string select = string.Join(", ", model.Columns.Select(c => c.Name).Prepend("id"));
        var rows = connection.Query($"SELECT {select} FROM t ORDER BY id").Cast<IDictionary<string, object?>>().ToList();
        Assert.True(rows.Count == model.Rows.Count, $"{context}: {rows.Count} rows, the model has {model.Rows.Count}");
        int r = 0;
        foreach (var (id, values) in model.Rows)
        {
            var row = rows[r++];
            Assert.True(Equals(id, row["id"]), $"{context}: row {r} is {row["id"]}, the model's is {id}");
            foreach (var column in model.Columns)
            {
                object? expected = values[column], actual = row[column.Name];
                bool same = expected is float[] e ? actual is float[] a && e.AsSpan().SequenceEqual(a) : Equals(expected, actual);
                Assert.True(same, $"{context}: row {id} column {column.Name} holds {actual}, the model {expected}");
            }
        }
        foreach (var column in model.Columns.Where(c => c.Kind == ColumnKind.Vector))
        {
            var query = RandomVectors.Uniform(random, 1, column.Dimensions);
            var expected = model.Rows
                .Where(row => row.Value[column] is float[])
                .Select(row => (Id: row.Key, Distance: Distance(column.Metric, (float[])row.Value[column]!, query)))
                .OrderBy(x => x.Distance).ThenBy(x => x.Id).Take(5).ToList();
            var actual = connection.Query<(long Id, double? Distance)>(
                $"SELECT id, distance({column.Name}, @q) AS d FROM t WHERE {column.Name} IS NOT NULL ORDER BY d LIMIT 5", new { q = query }).ToList();
            Assert.True(expected.Count == actual.Count, $"{context}: {actual.Count} nearest rows of {column.Name}, brute force {expected.Count}");
            for (int i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(expected[i].Distance - actual[i].Distance!.Value) <= 1e-4 * Math.Max(1, Math.Abs(expected[i].Distance)),
                    $"{context}: nearest of {column.Name} at {i}: row {actual[i].Id} at {actual[i].Distance}, brute force row {expected[i].Id} at {expected[i].Distance}");
        }
    }

    private static double Distance(string metric, float[] v, float[] q)
    {
        double dot = 0, vv = 0, qq = 0, l2 = 0, l1 = 0;
        for (int i = 0; i < v.Length; i++)
        {
            dot += (double)v[i] * q[i];
            vv += (double)v[i] * v[i];
            qq += (double)q[i] * q[i];
            l2 += ((double)v[i] - q[i]) * ((double)v[i] - q[i]);
            l1 += Math.Abs((double)v[i] - q[i]);
        }
        return metric switch
        {
            "cosine" => 1 - dot / Math.Sqrt(vv * qq),
            "l1" => l1,
            "ip" => -dot,
            _ => Math.Sqrt(l2),
        };
    }

    private enum ColumnKind
    {
        Integer,
        Text,
        Vector,
    }

    /// <summary>A column of the model; its name changes with RENAME, the object stays.</summary>
    private sealed class Column(string name, ColumnKind kind, int dimensions, string metric, object? defaultValue)
    {
        public string Name { get; set; } = name;
        public ColumnKind Kind { get; } = kind;
        public int Dimensions { get; } = dimensions;
        public string Metric { get; } = metric;
        public object? Default { get; } = defaultValue;
    }

    private sealed class Model
    {
        private int _names;

        public List<Column> Columns { get; } = [];

        public SortedDictionary<long, Dictionary<Column, object?>> Rows { get; } = [];

        public long NextId { get; set; } = 1;

        public string NewName() => "c" + _names++;

        /// <summary>An added column: existing rows hold its default.</summary>
        public void Add(Column column)
        {
            Columns.Add(column);
            foreach (var row in Rows.Values)
                row[column] = column.Default;
        }
    }
}
