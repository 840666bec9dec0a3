using System.Globalization;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests.Backups;

/// <summary>VACUUM gives back the space deletes left, and answers stay exactly the same.</summary>
public sealed class VacuumTests(ITestOutputHelper output)
{
    [Fact]
    public void Deleting_90_percent_then_vacuum_shrinks_the_vector_file_to_about_a_tenth()
    {
        using var dir = new TempDirectory();
        string path = dir.File("shrink.vdb");
        const int rows = 4000, dimensions = 64;
        var random = new Random(11);
        using var connection = new VecStoreConnection($"Data Source={path};Page Size=65536");
        connection.Open();
        Sql.Execute(connection, $"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({dimensions}))");
        using (var transaction = connection.BeginTransaction())
        {
            for (int id = 1; id <= rows; id++)
            {
                var v = new float[dimensions];
                for (int d = 0; d < dimensions; d++)
                    v[d] = (float)random.NextDouble();
                Sql.Execute(connection, "INSERT INTO t VALUES (@id, @v)", transaction, ("id", id), ("v", v));
            }
            transaction.Commit();
        }
        Sql.Execute(connection, "CREATE INDEX t_v ON t USING HNSW (v)");
        connection.Checkpoint();
        long full = new FileInfo(path + "-vectors").Length;
        // Keep every tenth row, spread over all pages, so no page empties by itself.
        Sql.Execute(connection, "DELETE FROM t WHERE id % 10 <> 0");
        connection.Checkpoint();
        long afterDelete = new FileInfo(path + "-vectors").Length;
        var q = new float[dimensions];
        q.AsSpan().Fill(0.5f);
        var before = Dump(connection);
        string nearestBefore = Nearest(connection, q, "strategy = 'flat'");

        var result = SampleDatabase.Row(connection, "VACUUM");
        long after = new FileInfo(path + "-vectors").Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vector file: {full:N0} bytes with {rows:N0} rows, {afterDelete:N0} after deleting 90%, {after:N0} after VACUUM ({(double)after / full:P1}); VACUUM row: {string.Join(", ", result)}"));
        Assert.Equal(afterDelete, full);
        // 400 rows of 64 floats in 64 KiB pages (about 240 a page): a tenth of the pages, rounded up, and the header.
        Assert.InRange(after, full / 10, full / 10 + 2 * 65536);
        Assert.Equal(before, Dump(connection));
        Assert.Equal(nearestBefore, Nearest(connection, q, "strategy = 'flat'"));
        Assert.Equal(nearestBefore, Nearest(connection, q, "ef_search = 200"));
        Assert.Equal(1L, result[5]);

        // Inserts after VACUUM take the dense slots that follow; a reopen sees the same.
        Sql.Execute(connection, "INSERT INTO t VALUES (1000001, @v)", null, ("v", q));
        connection.Close();
        connection.Open();
        Assert.Equal(before.Count + 1, SampleDatabase.Count(connection, "t"));
        Assert.Equal("1000001", Nearest(connection, q, "ef_search = 200").Split(',')[0]);
    }

    [Fact]
    public void Vacuum_keeps_every_row_vector_and_index_of_every_type()
    {
        using var dir = new TempDirectory();
        string path = dir.File("all.vdb");
        var q = SampleDatabase.Vector(new Random(8));
        List<string> expected;
        string nearest;
        using (var connection = new VecStoreConnection($"Data Source={path};Page Size=65536"))
        {
            connection.Open();
            SampleDatabase.Fill(connection, 1000, seed: 12);
            Sql.Execute(connection, "DELETE FROM docs WHERE id % 3 <> 0");
            Sql.Execute(connection, "DELETE FROM tags WHERE k > 'tag-00100'");
            expected = SampleDatabase.Dump(connection);
            nearest = SampleDatabase.Nearest(connection, q, exact: true);
            var result = SampleDatabase.Row(connection, "VACUUM");
            Assert.True((long)result[0]! > 0, "VACUUM moved no vector");
            Assert.True((long)result[2]! < (long)result[1]!, "VACUUM freed no vector page");
            Assert.Equal(expected, SampleDatabase.Dump(connection));
            Assert.Equal(nearest, SampleDatabase.Nearest(connection, q, exact: true));
            Assert.Equal(nearest, SampleDatabase.Nearest(connection, q, exact: false));
            // A second VACUUM finds nothing to move.
            Assert.Equal(0L, SampleDatabase.Row(connection, "VACUUM")[0]);
        }
        using (var connection = new VecStoreConnection($"Data Source={path}"))
        {
            connection.Open();
            Assert.Equal(expected, SampleDatabase.Dump(connection));
            Assert.Equal(nearest, SampleDatabase.Nearest(connection, q, exact: false));
        }
    }

    [Fact]
    public void Vacuum_beside_a_reader_keeps_its_snapshot_and_is_refused_where_it_cannot_run()
    {
        using var dir = new TempDirectory();
        string path = dir.File("refuse.vdb");
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        SampleDatabase.Fill(connection, 200, seed: 13);
        Sql.Execute(connection, "DELETE FROM docs WHERE id % 2 = 0");
        var expected = SampleDatabase.Dump(connection);

        using (var reader = new VecStoreConnection($"Data Source={path}"))
        {
            reader.Open();
            using var transaction = reader.BeginTransaction();
            Assert.Equal(expected, SampleDatabase.Dump(reader));
            SampleDatabase.Row(connection, "VACUUM");
            // The reader's snapshot predates VACUUM's renumbering: it still reads the same rows and vectors.
            Assert.Equal(expected, SampleDatabase.Dump(reader));
        }
        Assert.Equal(expected, SampleDatabase.Dump(connection));

        using (var transaction = connection.BeginTransaction())
        {
            var inside = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(connection, "VACUUM"));
            Assert.Equal(ErrorCode.TransactionAlreadyActive, inside.Code);
        }
        connection.Close();
        using var readOnly = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
        readOnly.Open();
        var refused = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(readOnly, "VACUUM"));
        Assert.Equal(ErrorCode.ReadOnlyDatabase, refused.Code);
    }

    private static List<string> Dump(VecStoreConnection connection)
    {
        var lines = new List<string>();
        using var command = new VecStoreCommand("SELECT id, v FROM t ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            lines.Add(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture) + ":" + string.Join(",", ((float[])reader.GetValue(1)).Select(BitConverter.SingleToInt32Bits)));
        return lines;
    }

    private static string Nearest(VecStoreConnection connection, float[] q, string with)
    {
        using var command = new VecStoreCommand($"SELECT id FROM t ORDER BY distance(v, @q) LIMIT 10 WITH ({with})", connection);
        command.Parameters.AddWithValue("q", q);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return string.Join(",", ids);
    }
}
