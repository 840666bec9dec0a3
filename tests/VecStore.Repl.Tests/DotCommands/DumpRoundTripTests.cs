using VecStore.Repl.Output;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.DotCommands;

/// <summary><c>.dump</c> writes a script that <c>.read</c> turns back into the same database: schema, indexes and every value to the bit.</summary>
public sealed class DumpRoundTripTests
{
    private const string Schema = """
        CREATE TABLE "order" (id INTEGER PRIMARY KEY, r REAL, s TEXT, b BLOB, f BOOLEAN, v VECTOR(4) METRIC cosine,
          h VECTOR(3) HALF, bits BIT(5), "Mixed Case" TEXT DEFAULT 'x');
        CREATE TABLE plain (k TEXT PRIMARY KEY, e VECTOR(2), wide BIT(70));
        CREATE INDEX order_s ON "order" (s);
        CREATE INDEX plain_e ON plain USING HNSW (e) WITH (m = 8, ef_construction = 32);
        CREATE INDEX order_v ON "order" USING IVF (v);
        CREATE TABLE many (id INTEGER PRIMARY KEY, graph VECTOR(4), lists VECTOR(4) METRIC ip);
        """;

    // Enough rows for CREATE INDEX to tune the search breadth of an index given none and to train an
    // IVF index given no lists, which the catalog keeps beside the options (and which CREATE INDEX
    // itself does not take); "order" holds too few for its IVF index, which waits.
    private const int ManyRows = 1200;

    [Fact]
    public void Dump_then_read_gives_the_same_rows_schema_and_indexes()
    {
        using var folder = new TempDirectory();
        string source = folder.File("a.vdb");
        Fill(source);

        var (dumpExit, _) = Shell(source, $".once {folder.File("dump.sql")}\n.dump\n");
        var (readExit, readOutput) = Shell(folder.File("b.vdb"), $".read {folder.File("dump.sql")}\n");
        var (_, again) = Shell(folder.File("b.vdb"), ".dump\n");

        Assert.Equal((0, 0, ""), (dumpExit, readExit, Errors(readOutput)));
        Assert.Equal(Contents(source), Contents(folder.File("b.vdb")));
        Assert.Equal(File.ReadAllText(folder.File("dump.sql")), again);
    }

    [Fact]
    public void Dump_of_one_table_holds_only_that_table()
    {
        using var folder = new TempDirectory();
        string source = folder.File("a.vdb");
        Fill(source, indexedRows: 0);

        var (_, dump) = Shell(source, ".dump plain\n");

        Assert.Equal((false, true, true), (dump.Contains("\"order\"", StringComparison.Ordinal), dump.Contains("CREATE TABLE plain", StringComparison.Ordinal), dump.Contains("CREATE INDEX plain_e", StringComparison.Ordinal)));
    }

    // Every column type, NULLs, the extremes of float and double (no NaN: a REAL cannot hold it),
    // negative zero, subnormals, infinities in a REAL, text with quotes, line breaks and wide characters.
    private static void Fill(string path, int indexedRows = ManyRows)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using (var create = new VecStoreCommand(Schema, connection))
            create.ExecuteNonQuery();
        var rows = new object?[][]
        {
            [long.MaxValue, double.MaxValue, "it's \"quoted\"\r\nand\nbroken", new byte[] { 0, 255, 16 }, true,
                new[] { -0.0f, float.Epsilon, float.MaxValue, -1.17549435E-38f }, new[] { (Half)65504, (Half)(-0.0f), (Half)0.1f }, new[] { true, false, true, true, false }, "中文 😀"],
            [long.MinValue, double.PositiveInfinity, "", Array.Empty<byte>(), false,
                new[] { 0.1f, 0.2f, 1f / 3, float.MinValue }, new[] { Half.Epsilon, (Half)1, Half.MinValue }, new bool[5], null],
            [3L, double.NegativeInfinity, null, null, null, null, null, null, "x"],
            [4L, double.Epsilon, null, null, null, null, null, null, null],
            [5L, -0.1, "'", null, null, new[] { 1e-40f, -1e-40f, 16777216f, 1e10f }, null, null, "'"],
        };
        foreach (var row in rows)
        {
            using var insert = new VecStoreCommand("INSERT INTO \"order\" VALUES (@id, @r, @s, @b, @f, @v, @h, @bits, @m)", connection);
            string[] names = ["id", "r", "s", "b", "f", "v", "h", "bits", "m"];
            for (int i = 0; i < names.Length; i++)
                insert.Parameters.AddWithValue(names[i], row[i] ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
        using var plain = new VecStoreCommand("INSERT INTO plain VALUES ('a', [1, 2], @w), ('b', [3.5, -4], NULL), ('c', NULL, NULL)", connection);
        plain.Parameters.AddWithValue("w", Enumerable.Range(0, 70).Select(i => i % 3 == 0).ToArray());
        plain.ExecuteNonQuery();

        var random = new Random(15);
        using (var transaction = connection.BeginTransaction())
        {
            using var many = new VecStoreCommand("INSERT INTO many VALUES (@id, @g, @l)", connection) { Transaction = transaction };
            for (int id = 0; id < indexedRows; id++)
            {
                many.Parameters.Clear();
                many.Parameters.AddWithValue("id", (long)id);
                many.Parameters.AddWithValue("g", Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray());
                many.Parameters.AddWithValue("l", Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray());
                many.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        if (indexedRows == 0)
            return;
        using var indexes = new VecStoreCommand("CREATE INDEX many_graph ON many USING HNSW (graph); CREATE INDEX many_lists ON many USING IVF (lists)", connection);
        indexes.ExecuteNonQuery();
    }

    // The schema, the indexes and every value written exactly (floats by their shortest round-trip form, -0 kept).
    private static string Contents(string path)
    {
        using var connection = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (var (name, definition) in connection.GetTables())
        {
            text.AppendLine(definition);
            foreach (var index in connection.GetIndexes(name))
                text.AppendLine(index.Definition);
            using var select = new VecStoreCommand($"SELECT * FROM \"{name}\" ORDER BY 1", connection);
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (int i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.GetValue(i) is DBNull ? "NULL" : ValueFormatter.Exact(reader.GetValue(i))).Append(i + 1 < reader.FieldCount ? " | " : "\n");
        }
        return text.ToString();
    }

    private static (int ExitCode, string Output) Shell(string database, string input) => InProcessShell.Run(input, database);

    private static string Errors(string output) => string.Join("\n", output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)));
}
