using Microsoft.Data.Sqlite;
using VecStore.TestSupport;

namespace VecStore.Durability.Tests;

/// <summary>CHECK on a healthy database while a writer goes on, and on files changed behind VecStore's back.</summary>
public sealed class CheckStatementTests
{
    private static float[] Vector(int id) => [(float)Math.Sin(id), (float)Math.Cos(id * 0.5), id % 7, 1];

    private static string Build(TempDirectory dir)
    {
        string path = dir.File("c.vdb");
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        Sql.Execute(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(4))");
        Sql.Execute(connection, "CREATE INDEX docs_title ON docs (title)");
        using (var transaction = connection.BeginTransaction())
        {
            for (int id = 1; id <= 300; id++)
                Sql.Execute(connection, "INSERT INTO docs VALUES (@id, @t, @v)", transaction, ("id", id), ("t", "t" + id), ("v", Vector(id)));
            transaction.Commit();
        }
        Sql.Execute(connection, "CREATE INDEX docs_v ON docs USING HNSW (v)");
        return path;
    }

    [Fact]
    public async Task Check_sees_every_file_ok_while_a_writer_commits_and_checkpoints()
    {
        using var dir = new TempDirectory();
        string path = Build(dir);
        using var writer = new VecStoreConnection($"Data Source={path}");
        writer.Open();
        using var reader = new VecStoreConnection($"Data Source={path}");
        reader.Open();
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(() =>
        {
            for (int id = 1000; !stop.IsCancellationRequested; id++)
            {
                Sql.Execute(writer, "INSERT INTO docs VALUES (@id, 'w', @v)", null, ("id", id), ("v", Vector(id)));
                Sql.Execute(writer, "DELETE FROM docs WHERE id = @id", null, ("id", id - 500));
                if (id % 50 == 0)
                    writer.Checkpoint();
            }
        });
        try
        {
            for (int round = 0; round < 15; round++)
            {
                CheckResults.AssertAllOk(reader, $"round {round}");
                // Inside a transaction: the same snapshot for both statements, whatever the writer commits.
                using var transaction = reader.BeginTransaction();
                var first = CheckResults.AssertAllOk(reader, $"round {round}, in a transaction");
                var second = CheckResults.AssertAllOk(reader, $"round {round}, again in the transaction");
                // A checkpoint may move the pages up to this snapshot meanwhile; the rows seen stay the same.
                Assert.Equal(RowVectors(first), RowVectors(second));
                transaction.Commit();
            }
        }
        finally
        {
            stop.Cancel();
            await writing;
        }
    }

    private static string RowVectors(List<(string File, string Kind, string Item, string Status, string Detail)> report)
        => System.Text.RegularExpressions.Regex.Match(report.Single(r => r.Kind == "vector file").Detail, @"\d+ row vectors").Value;

    [Fact]
    public void Check_works_read_only_and_reports_files_changed_behind_its_back()
    {
        using var dir = new TempDirectory();
        string path = Build(dir);
        using (var sqlite = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            // The scalar index gone, one row pointed at a slot nobody uses, the page size changed.
            command.CommandText = """
                DROP INDEX i1;
                UPDATE t1 SET v3 = 4000 WHERE rowid = 5;
                UPDATE _vs_meta SET value = 12345 WHERE key = 'page_size';
                """;
            command.ExecuteNonQuery();
        }

        using var connection = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        var problems = CheckResults.Problems(connection);

        Assert.Contains(problems, p => p.Contains("sqlite index docs_title: the catalog lists it, but SQLite has no index i1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("page_size is 12345", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("row 5 points at vector slot 4000, which holds no vector", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("vector slot 4 is live (row id 5) but no row points at it", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_reports_an_ivf_index_waiting_for_rows_as_ok_and_checks_it_once_trained()
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.vdb");
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        Sql.Execute(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, v VECTOR(4))");
        Sql.Execute(connection, "CREATE INDEX docs_v ON docs USING IVF (v) WITH (lists = 8)");
        for (int id = 1; id <= 5; id++)
            Sql.Execute(connection, "INSERT INTO docs VALUES (@id, @v)", null, ("id", id), ("v", Vector(id)));

        // Five rows, eight lists: the index waits, has no file, and that is its healthy state.
        var waiting = CheckResults.AssertAllOk(connection, "waiting");
        Assert.Contains(waiting, r => r.Kind == "vector index" && r.Detail.Contains("waiting to train", StringComparison.Ordinal));

        for (int id = 6; id <= 40; id++)
            Sql.Execute(connection, "INSERT INTO docs VALUES (@id, @v)", null, ("id", id), ("v", Vector(id)));
        var trained = CheckResults.AssertAllOk(connection, "trained");
        Assert.Contains(trained, r => r.Kind == "vector index" && r.Detail.Contains("holds each of the 40 live rows", StringComparison.Ordinal));
    }
}
