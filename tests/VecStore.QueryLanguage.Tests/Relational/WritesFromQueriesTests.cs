using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// INSERT ... SELECT, ON CONFLICT, UPDATE ... FROM and RETURNING on a small fixed schema: the values
/// written (vectors element for element, computed here in C#), the rows affected, the errors with
/// their carets, and that a failed statement leaves every row and vector as it was.
/// </summary>
public sealed class WritesFromQueriesTests
{
    private static readonly float[][] Vectors = [[3, 4, 0], [1, 0, 0], [0, 2, 2], [1, 1, 1]];

    private static VecStoreConnection Seeded(TempDirectory dir, string name = "w.vdb")
    {
        var connection = Open(dir.File(name));
        Run(connection, "CREATE TABLE src (id INTEGER PRIMARY KEY, grp INTEGER, emb VECTOR(3))");
        Run(connection, "CREATE TABLE dst (id INTEGER PRIMARY KEY, note TEXT, emb VECTOR(3))");
        for (int i = 0; i < Vectors.Length; i++)
            Run(connection, "INSERT INTO src VALUES (@id, @g, @v)", ("id", (long)i + 1), ("g", (long)(i % 2)), ("v", Vectors[i]));
        return connection;
    }

    [Fact]
    public void INSERT_SELECT_copies_bare_vectors_and_computes_normalized_ones()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Assert.Equal(4, Affected(connection, "INSERT INTO dst (id, note, emb) SELECT id, 'copy', emb FROM src"));
        Assert.Equal(4, Affected(connection, "INSERT INTO dst (id, note, emb) SELECT id + 100, 'unit', l2_normalize(emb) FROM src"));
        var rows = Rows(connection, "SELECT id, emb FROM dst ORDER BY id");
        Assert.Equal(8, rows.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Vectors[i], (float[])rows[i][1]!);
            float norm = MathF.Sqrt(Vectors[i].Sum(x => x * x));
            var unit = (float[])rows[4 + i][1]!;
            for (int d = 0; d < 3; d++)
                Assert.Equal(Vectors[i][d] / norm, unit[d], 5);
        }
        // The copies are searchable like any row: the nearest to [1, 0, 0] among the unit vectors is itself.
        Assert.Equal(102L, Rows(connection, "SELECT id FROM dst WHERE id > 100 ORDER BY emb <-> [1, 0, 0] LIMIT 1")[0][0]);
    }

    [Fact]
    public void INSERT_SELECT_of_grouped_averages_and_subvectors_over_a_join()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "CREATE TABLE centroids (grp INTEGER PRIMARY KEY, n INTEGER, emb VECTOR(3))");
        Run(connection, "CREATE TABLE heads (id INTEGER PRIMARY KEY, emb VECTOR(2))");
        Run(connection, "WITH g AS (SELECT grp, count(*) AS n FROM src GROUP BY grp) "
            + "INSERT INTO centroids SELECT s.grp, g.n, avg(s.emb) FROM src s JOIN g ON g.grp = s.grp GROUP BY s.grp, g.n");
        var rows = Rows(connection, "SELECT grp, n, emb FROM centroids ORDER BY grp");
        Assert.Equal(2, rows.Count);
        for (int g = 0; g < 2; g++)
        {
            var members = Vectors.Where((_, i) => i % 2 == g).ToList();
            Assert.Equal((long)members.Count, rows[g][1]);
            var emb = (float[])rows[g][2]!;
            for (int d = 0; d < 3; d++)
                Assert.Equal(members.Average(v => v[d]), emb[d], 5);
        }
        Run(connection, "INSERT INTO heads SELECT id, subvector(emb, 2, 2) FROM src");
        Assert.Equal([4f, 0f], (float[])Rows(connection, "SELECT emb FROM heads WHERE id = 1")[0][0]!);
    }

    [Fact]
    public void INSERT_SELECT_STAR_from_the_same_table_reads_every_row_first()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "CREATE TABLE twin (id INTEGER, grp INTEGER, emb VECTOR(3))");
        Run(connection, "INSERT INTO twin SELECT * FROM src");
        Assert.Equal(4, Affected(connection, "INSERT INTO twin SELECT * FROM twin"));
        Assert.Equal(8L, Rows(connection, "SELECT count(*) FROM twin")[0][0]);
        Assert.Equal(2L, Rows(connection, "SELECT count(*) FROM twin WHERE emb = [0, 2, 2]")[0][0]);
    }

    [Fact]
    public void INSERT_SELECT_dimension_and_type_errors_point_at_the_select_item()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "CREATE TABLE small (id INTEGER PRIMARY KEY, emb VECTOR(2))");
        const string copy = "INSERT INTO small SELECT id, emb FROM src";
        var known = Assert.Throws<VecStoreException>(() => Run(connection, copy));
        Assert.Equal(ErrorCode.DimensionMismatch, known.Code);
        Assert.Equal(copy.IndexOf("emb", StringComparison.Ordinal) + 1, known.Location!.Column);
        Assert.Contains("VECTOR(2)", known.Message);
        // Dimensions known only per row (subvector with computed bounds): the row that fails stops the statement, caret on its item.
        const string computed = "INSERT INTO small SELECT id, subvector(emb, 1, 2 + grp) FROM src";
        var late = Assert.Throws<VecStoreException>(() => Run(connection, computed));
        Assert.Equal(ErrorCode.DimensionMismatch, late.Code);
        Assert.Equal(computed.IndexOf("subvector", StringComparison.Ordinal) + 1, late.Location!.Column);
        Assert.Empty(Rows(connection, "SELECT id FROM small"));
        var type = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO small (id) SELECT emb FROM src"));
        Assert.Equal(ErrorCode.TypeMismatch, type.Code);
        var count = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO small SELECT id FROM src"));
        Assert.Equal(ErrorCode.ValueCountMismatch, count.Code);
    }

    [Fact]
    public void A_failing_INSERT_SELECT_of_1000_rows_changes_nothing_through_checkpoint_and_reopen()
    {
        using var dir = new TempDirectory();
        string path = dir.File("rollback.vdb");
        using (var connection = Open(path))
        {
            Run(connection, "CREATE TABLE big (id INTEGER PRIMARY KEY, emb VECTOR(3))");
            Run(connection, "CREATE TABLE copy (id INTEGER PRIMARY KEY, emb VECTOR(3) NOT NULL)");
            using (var transaction = connection.BeginTransaction())
            {
                for (int i = 1; i <= 1000; i++)
                    Run(connection, "INSERT INTO big VALUES (@id, @v)", ("id", (long)i), ("v", i == 700 ? null : new float[] { i, 1, 0 }));
                transaction.Commit();
            }
            Run(connection, "INSERT INTO copy VALUES (5000, [9, 9, 9])");
            // Row 700 has no vector: the NOT NULL column refuses it after 699 rows and their vectors were written.
            var error = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO copy SELECT id, emb FROM big ORDER BY id"));
            Assert.Equal(ErrorCode.NotNullViolation, error.Code);
            AssertOnlyTheFirstRow(connection);
            // And a later statement reuses no slot the failed one took: every vector reads back as written.
            Run(connection, "INSERT INTO copy SELECT id, emb FROM big WHERE id < 700");
            Assert.Equal(700L, Rows(connection, "SELECT count(*) FROM copy")[0][0]);
            Run(connection, "DELETE FROM copy WHERE id < 700");
            Run(connection, "CHECKPOINT");
            AssertOnlyTheFirstRow(connection);
        }
        using (var reopened = Open(path))
            AssertOnlyTheFirstRow(reopened);

        static void AssertOnlyTheFirstRow(VecStoreConnection c)
        {
            var rows = Rows(c, "SELECT id, emb FROM copy");
            Assert.Single(rows);
            Assert.Equal([9f, 9f, 9f], (float[])rows[0][1]!);
            Assert.Equal(5000L, Rows(c, "SELECT id FROM copy ORDER BY emb <-> [1, 1, 0] LIMIT 5")[0][0]);
        }
    }

    [Fact]
    public void Upsert_updates_vectors_at_their_slot_frees_them_for_NULL_and_skips_with_DO_NOTHING()
    {
        using var dir = new TempDirectory();
        string path = dir.File("upsert.vdb");
        using (var connection = Seeded(dir, "upsert.vdb"))
        {
            const string upsert = "INSERT INTO src (id, grp, emb) VALUES (@id, @g, @v) ON CONFLICT (id) DO UPDATE SET emb = excluded.emb, grp = excluded.grp + src.grp";
            Assert.Equal(1, Affected(connection, upsert, ("id", 1L), ("g", 10L), ("v", new float[] { 7, 7, 7 })));
            Assert.Equal(1, Affected(connection, upsert, ("id", 9L), ("g", 5L), ("v", new float[] { 9, 9, 9 })));
            Assert.Equal(1, Affected(connection, upsert, ("id", 2L), ("g", 0L), ("v", null)));
            Assert.Equal(0, Affected(connection, "INSERT INTO src VALUES (3, 0, [5, 5, 5]) ON CONFLICT DO NOTHING"));
            // DO UPDATE ... WHERE: the condition sees the existing row and the proposed one.
            Assert.Equal(0, Affected(connection, "INSERT INTO src VALUES (4, 99, [6, 6, 6]) ON CONFLICT (id) DO UPDATE SET emb = excluded.emb WHERE excluded.grp < src.grp"));
            Assert.Equal(1, Affected(connection, "INSERT INTO src VALUES (4, 99, [1, 2, 3]) ON CONFLICT (id) DO UPDATE SET emb = src.emb + excluded.emb WHERE excluded.grp > src.grp"));
            AssertUpserted(connection);
            Run(connection, "CHECKPOINT");
        }
        using (var reopened = Open(path))
            AssertUpserted(reopened);

        static void AssertUpserted(VecStoreConnection c)
        {
            var rows = Rows(c, "SELECT id, grp, emb FROM src ORDER BY id");
            Assert.Equal([1L, 2L, 3L, 4L, 9L], rows.Select(r => (long)r[0]!));
            Assert.Equal(10L, rows[0][1]);
            Assert.Equal([7f, 7f, 7f], (float[])rows[0][2]!);
            Assert.Null(rows[1][2]);
            Assert.Equal(Vectors[2], (float[])rows[2][2]!);
            Assert.Equal([2f, 3f, 4f], (float[])rows[3][2]!);
            Assert.Equal([9f, 9f, 9f], (float[])rows[4][2]!);
            // The search sees the new vectors and not the old or freed ones.
            var near = Rows(c, "SELECT id FROM src WHERE emb IS NOT NULL ORDER BY emb <-> [7, 7, 7] LIMIT 10");
            Assert.Equal([1L, 9L, 4L, 3L], near.Select(r => (long)r[0]!));
        }
    }

    [Fact]
    public void Upsert_from_a_SELECT_and_a_key_given_twice_in_one_statement()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "INSERT INTO dst VALUES (1, 'old', [0, 0, 1])");
        Assert.Equal(4, Affected(connection, "INSERT INTO dst SELECT id, 'new', emb * [2, 2, 2] FROM src ON CONFLICT (id) DO UPDATE SET note = excluded.note || '!', emb = excluded.emb"));
        var rows = Rows(connection, "SELECT id, note, emb FROM dst ORDER BY id");
        Assert.Equal("new!", rows[0][1]);
        Assert.Equal([6f, 8f, 0f], (float[])rows[0][2]!);
        Assert.Equal("new", rows[1][1]);

        // As in PostgreSQL: DO UPDATE may not change one row twice in a statement (the result would depend on row order) ...
        const string duplicate = "INSERT INTO dst VALUES (7, 'a', NULL), (7, 'b', NULL) ON CONFLICT (id) DO UPDATE SET note = excluded.note";
        var twice = Assert.Throws<VecStoreException>(() => Run(connection, duplicate));
        Assert.Equal(ErrorCode.RowChangedTwice, twice.Code);
        Assert.Equal(duplicate.IndexOf("ON CONFLICT", StringComparison.Ordinal) + 1, twice.Location!.Column);
        Assert.Empty(Rows(connection, "SELECT id FROM dst WHERE id = 7"));
        // ... and DO NOTHING keeps the first.
        Assert.Equal(1, Affected(connection, "INSERT INTO dst VALUES (7, 'a', NULL), (7, 'b', NULL) ON CONFLICT DO NOTHING"));
        Assert.Equal("a", Rows(connection, "SELECT note FROM dst WHERE id = 7")[0][0]);
    }

    [Fact]
    public void Upsert_conflict_target_must_be_the_primary_key()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "CREATE TABLE nokey (a INTEGER, b TEXT)");
        const string wrongTarget = "INSERT INTO src VALUES (1, 1, NULL) ON CONFLICT (grp) DO NOTHING";
        var notKey = Assert.Throws<VecStoreException>(() => Run(connection, wrongTarget));
        Assert.Equal(ErrorCode.ConflictTarget, notKey.Code);
        Assert.Equal(wrongTarget.IndexOf("grp)", StringComparison.Ordinal) + 1, notKey.Location!.Column);
        var noKey = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO nokey VALUES (1, 'x') ON CONFLICT DO NOTHING"));
        Assert.Equal(ErrorCode.ConflictTarget, noKey.Code);
        var excluded = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO src VALUES (1, 1, NULL) ON CONFLICT (id) DO UPDATE SET emb = excluded.nope"));
        Assert.Equal(ErrorCode.UnknownColumn, excluded.Code);
        var dims = Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO src VALUES (1, 1, NULL) ON CONFLICT (id) DO UPDATE SET emb = [1, 2]"));
        Assert.Equal(ErrorCode.DimensionMismatch, dims.Code);
    }

    [Fact]
    public void UPDATE_FROM_copies_vectors_and_values_from_another_table_and_normalizes_in_place()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        Run(connection, "INSERT INTO dst VALUES (1, NULL, NULL), (2, NULL, [1, 1, 1]), (3, 'keep', [5, 5, 5])");
        Assert.Equal(2, Affected(connection, "UPDATE dst SET emb = s.emb, note = 'from ' || s.id FROM src AS s WHERE s.id = dst.id AND dst.note IS NULL"));
        Assert.Equal(4, Affected(connection, "UPDATE src SET emb = l2_normalize(emb)"));
        var dst = Rows(connection, "SELECT id, note, emb FROM dst ORDER BY id");
        Assert.Equal(Vectors[0], (float[])dst[0][2]!);
        Assert.Equal("from 2", dst[1][1]);
        Assert.Equal(Vectors[1], (float[])dst[1][2]!);
        Assert.Equal([5f, 5f, 5f], (float[])dst[2][2]!);
        Assert.Equal([0.6f, 0.8f, 0f], (float[])Rows(connection, "SELECT emb FROM src WHERE id = 1")[0][0]!);
        const string shorter = "UPDATE dst SET emb = subvector(emb, 1, 2)";
        var dims = Assert.Throws<VecStoreException>(() => Run(connection, shorter));
        Assert.Equal(ErrorCode.DimensionMismatch, dims.Code);
        Assert.Equal(shorter.IndexOf("subvector", StringComparison.Ordinal) + 1, dims.Location!.Column);
    }

    [Fact]
    public void RETURNING_gives_the_written_rows_with_vectors_distances_and_aliases_through_Dapper()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        var inserted = Dapper.SqlMapper.Query<(long Id, float[] Emb, double Dist)>(connection,
            "INSERT INTO dst SELECT id, 'x', emb FROM src WHERE grp = 0 RETURNING id, emb, emb <-> [0, 0, 0] AS dist").ToList();
        Assert.Equal([1L, 3L], inserted.Select(r => r.Id));
        Assert.Equal(5.0, inserted[0].Dist, 5);
        Assert.Equal(Vectors[2], inserted[1].Emb);

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE dst SET emb = l2_normalize(emb) WHERE id = 1 RETURNING *";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(["id", "note", "emb"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            Assert.Equal([0.6f, 0.8f, 0f], reader.GetFieldValue<float[]>(2));
            Assert.False(reader.Read());
            reader.Close();
            Assert.Equal(1, reader.RecordsAffected);
        }
        var deleted = Rows(connection, "DELETE FROM dst WHERE id IN (SELECT id FROM src WHERE grp = 0) RETURNING id AS gone, vector_dims(emb)");
        Assert.Equal([[1L, 3L], [3L, 3L]], deleted.Select(r => new[] { (long)r[0]!, (long)r[1]! }));
        Assert.Empty(Rows(connection, "SELECT id FROM dst"));
        var upserted = Rows(connection, "INSERT INTO dst VALUES (8, 'a', NULL) ON CONFLICT DO NOTHING RETURNING id");
        Assert.Single(upserted);
    }

    [Fact]
    public void Inside_a_transaction_a_failed_upsert_undoes_only_itself_and_RETURNING_sees_earlier_statements()
    {
        using var dir = new TempDirectory();
        using var connection = Seeded(dir);
        // A composite key that is not the row id: looked up by both columns.
        Run(connection, "CREATE TABLE pairs (a TEXT, b INTEGER, emb VECTOR(3), PRIMARY KEY (a, b))");
        using (var transaction = connection.BeginTransaction())
        {
            Run(connection, "INSERT INTO pairs SELECT 'k', id, emb FROM src");
            Assert.Throws<VecStoreException>(() => Run(connection, "INSERT INTO pairs SELECT 'k', 1, emb FROM src ON CONFLICT (b, a) DO UPDATE SET emb = excluded.emb"));
            var returned = Rows(connection, "INSERT INTO pairs VALUES ('k', 2, [8, 8, 8]), ('z', 2, NULL) ON CONFLICT (b, a) DO UPDATE SET emb = pairs.emb + excluded.emb RETURNING a, b, emb");
            Assert.Equal(2, returned.Count);
            Assert.Equal([9f, 8f, 8f], (float[])returned[0][2]!);
            Assert.Null(returned[1][2]);
            transaction.Commit();
        }
        var rows = Rows(connection, "SELECT a, b, emb FROM pairs ORDER BY a, b");
        Assert.Equal(5, rows.Count);
        Assert.Equal(Vectors[0], (float[])rows[0][2]!);
        Assert.Equal([9f, 8f, 8f], (float[])rows[1][2]!);
        Assert.Equal("z", rows[4][0]);
        using (var transaction = connection.BeginTransaction())
        {
            Run(connection, "UPDATE pairs SET emb = NULL FROM src WHERE src.id = pairs.b AND src.grp = 0");
            transaction.Rollback();
        }
        Assert.Equal(4L, Rows(connection, "SELECT count(*) FROM pairs WHERE emb IS NOT NULL")[0][0]);
    }

    private static int Affected(VecStoreConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }
}
