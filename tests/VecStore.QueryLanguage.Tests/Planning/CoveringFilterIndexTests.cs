using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// A scalar index carries the slots of its table's vector columns, so SQLite lists the rows that
/// pass a filter, with their slots, from the index alone; dropping a vector column remakes the
/// indexes without its slot.
/// </summary>
public sealed class CoveringFilterIndexTests
{
    private const string CoveredNote = "(from an index that holds their vector slots)";

    private static VecStoreConnection Open(TempDirectory dir)
    {
        var connection = new VecStoreConnection($"Data Source={dir.File("c.vdb")}");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, v VECTOR(4), w VECTOR(3))");
        var random = new Random(11);
        var rows = new List<object?[]>();
        for (long id = 1; id <= 3000; id++)
            rows.Add([id, id % 100, RandomVectors.Uniform(random, 1, 4), id % 7 == 0 ? null : RandomVectors.Uniform(random, 1, 3)]);
        new VecStoreBulkInsert(connection, "t").Write(rows);
        connection.Execute("CREATE INDEX t_cat ON t (cat)");
        return connection;
    }

    private static string Why(VecStoreConnection connection, string sql, object parameters) =>
        connection.Query<string>("EXPLAIN " + sql, parameters).Single(line => line.TrimStart().StartsWith("why: ", StringComparison.Ordinal));

    [Fact]
    public void A_filter_on_an_indexed_column_lists_its_rows_from_the_index_alone_and_ranks_them_exactly()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var q = new float[] { 0.5f, 0.2f, 0.9f, 0.1f };
        const string Sql = "SELECT id FROM t WHERE cat = 7 ORDER BY v <-> @q LIMIT 5";
        Assert.Contains(CoveredNote, Why(connection, Sql, new { q }));
        Assert.Equal(connection.Query<long>(Sql + " WITH (strategy = 'flat')", new { q }), connection.Query<long>(Sql, new { q }));

        // Rows without a vector in the searched column are not ranked: they come after every distance.
        var p = new float[] { 0.1f, 0.1f, 0.1f };
        var found = connection.Query<long>("SELECT id FROM t WHERE cat < 30 ORDER BY w <-> @p LIMIT 2000", new { p }).ToList();
        int ranked = Enumerable.Range(1, 3000).Count(id => id % 100 < 30 && id % 7 != 0);
        Assert.Equal(900, found.Count);
        Assert.DoesNotContain(found[..ranked], id => id % 7 == 0);
        Assert.All(found[ranked..], id => Assert.Equal(0, id % 7));
    }

    [Fact]
    public void Dropping_a_vector_column_remakes_the_scalar_indexes_without_its_slot()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        connection.Execute("ALTER TABLE t DROP COLUMN v");
        var p = new float[] { 0.3f, 0.3f, 0.3f };
        const string Sql = "SELECT id FROM t WHERE cat = 8 ORDER BY w <-> @p LIMIT 3";
        Assert.Contains(CoveredNote, Why(connection, Sql, new { p }));
        Assert.Equal(connection.Query<long>(Sql + " WITH (strategy = 'flat')", new { p }), connection.Query<long>(Sql, new { p }));
        Assert.Equal(["t_cat"], connection.GetIndexes("t").Select(i => i.Name));
        Assert.All(connection.Query("CHECK").Cast<IDictionary<string, object>>(), row => Assert.Equal("ok", row["status"]));
    }
}
