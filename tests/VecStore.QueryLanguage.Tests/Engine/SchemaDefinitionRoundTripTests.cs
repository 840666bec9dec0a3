using Dapper;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// The CREATE statements the catalog gives for its tables and indexes (what the shell's .schema
/// prints), after ALTER TABLE too, run on an empty database and make the same schema again.
/// </summary>
public sealed class SchemaDefinitionRoundTripTests
{
    [Fact]
    public void Definitions_recreate_every_table_and_index()
    {
        using var source = Open();
        source.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT 'untitled', price REAL, raw BLOB, v VECTOR(8), w VECTOR(8) METRIC cosine)");
        source.Execute("CREATE TABLE \"Order Lines\" (a INTEGER, b TEXT, h VECTOR(4) HALF METRIC ip, PRIMARY KEY (a, b))");
        for (int i = 0; i < 64; i++)
            source.Execute("INSERT INTO docs (id, v, w) VALUES (@i, @v, @v)", new { i, v = Enumerable.Range(0, 8).Select(d => (float)Math.Sin(i * 8 + d)).ToArray() });
        source.Execute("ALTER TABLE docs ADD COLUMN stock INTEGER NOT NULL DEFAULT 3");
        source.Execute("ALTER TABLE docs ADD COLUMN flags BIT(12) METRIC jaccard");
        source.Execute("ALTER TABLE docs DROP COLUMN raw");
        source.Execute("ALTER TABLE docs RENAME COLUMN title TO name");
        source.Execute("ALTER TABLE docs RENAME TO items");
        source.Execute("CREATE INDEX items_price ON items (price, stock)");
        source.Execute("CREATE INDEX items_v ON items USING IVF (v) WITH (lists = 4, nprobe = 2)");
        source.Execute("CREATE INDEX items_w ON items USING HNSW (w) WITH (m = 8)");
        source.Execute("CREATE INDEX items_flags ON items USING HNSW (flags)");
        source.Execute("CREATE INDEX lines_h ON \"Order Lines\" USING HNSW (h) WITH (ef_search = 30)");

        var tables = source.GetTables();
        var indexes = source.GetIndexes();
        Assert.Contains(indexes, i => i.Definition == "CREATE INDEX items_v ON items USING IVF (v) WITH (lists = 4, nprobe = 2);");

        using var copy = Open();
        foreach (var (_, definition) in tables)
            copy.Execute(definition);
        // The IVF index trains on rows: the copy gets a few before its indexes are made.
        for (int i = 0; i < 8; i++)
            copy.Execute("INSERT INTO items (id, v) VALUES (@i, @v)", new { i, v = Enumerable.Range(0, 8).Select(d => (float)Math.Cos(i * 8 + d)).ToArray() });
        foreach (var index in indexes)
            copy.Execute(index.Definition);

        Assert.Equal(tables, copy.GetTables());
        Assert.Equal(indexes.Select(i => i.Definition), copy.GetIndexes().Select(i => i.Definition));
    }

    private static VecStoreConnection Open()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }
}
