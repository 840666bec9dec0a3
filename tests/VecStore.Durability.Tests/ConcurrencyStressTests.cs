using System.Diagnostics;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests;

/// <summary>
/// One writer and several readers on their own connections to one file: readers never wait for
/// the writer, always see whole commits, and see the same snapshot for the length of their
/// transaction; a second writer waits for the busy timeout and then fails with its own code.
/// </summary>
/// <remarks>The stress runs 3 s in the suite and 120 s with <c>VECSTORE_LONG=1</c>.</remarks>
public sealed class ConcurrencyStressTests(ITestOutputHelper output)
{
    private const int Dimensions = 8;

    /// <summary>Rows after the writer's transaction <paramref name="j"/> (from 0): five inserted each time, two deleted every third.</summary>
    private static long RowsAfter(long j) => 5 * j - 2 * (j / 3);

    private static float[] Vector(long id)
    {
        var v = new float[Dimensions];
        for (int d = 0; d < v.Length; d++)
            v[d] = (float)Math.Sin(id * 0.37 + d);
        return v;
    }

    [Fact]
    public async Task Readers_see_whole_commits_and_a_stable_snapshot_while_a_writer_runs()
    {
        using var dir = new TempDirectory();
        string connectionString = $"Data Source={dir.File("stress.vdb")}";
        using (var setup = new VecStoreConnection(connectionString))
        {
            setup.Open();
            Sql.Execute(setup, $"CREATE TABLE t (id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, v VECTOR({Dimensions}))");
            Sql.Execute(setup, "CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 32)");
        }
        var duration = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 120 : 3);
        long acknowledged = 0;
        long reads = 0;
        // The run lasts its duration and at least until the writer and the readers each made some progress
        // (a loaded machine may need longer for that), but never more than a minute.
        var clock = Stopwatch.StartNew();
        bool Done() => clock.Elapsed > TimeSpan.FromSeconds(60)
            || (clock.Elapsed >= duration && Interlocked.Read(ref acknowledged) > 10 && Interlocked.Read(ref reads) > 10);

        var writer = Task.Run(() =>
        {
            using var connection = new VecStoreConnection(connectionString);
            connection.Open();
            long nextId = 1, oldest = 1;
            for (long j = 1; !Done(); j++)
            {
                using (var transaction = connection.BeginTransaction())
                {
                    for (int r = 0; r < 5; r++, nextId++)
                        Sql.Execute(connection, "INSERT INTO t VALUES (@id, @txn, @v)", transaction, ("id", nextId), ("txn", j), ("v", Vector(nextId)));
                    if (j % 3 == 0)
                    {
                        Sql.Execute(connection, "DELETE FROM t WHERE id = @a OR id = @b", transaction, ("a", oldest), ("b", oldest + 1));
                        oldest += 2;
                    }
                    transaction.Commit();
                }
                Interlocked.Exchange(ref acknowledged, j);
                if (j % 50 == 0)
                    connection.Checkpoint();
            }
        });

        var readers = new Task[3];
        for (int r = 0; r < readers.Length; r++)
        {
            int seed = r;
            readers[r] = Task.Run(() =>
            {
                using var connection = new VecStoreConnection(connectionString);
                connection.Open();
                var random = new Random(seed);
                while (!Done())
                {
                    long before = Interlocked.Read(ref acknowledged);
                    using var transaction = connection.BeginTransaction();
                    long count = Sql.Count(connection, "SELECT count(*) FROM t", transaction);
                    long after = Interlocked.Read(ref acknowledged);
                    // A whole number of the writer's transactions, no older than what was acknowledged before BEGIN.
                    bool whole = false;
                    for (long j = before; j <= after + 1 && !whole; j++)
                        whole = RowsAfter(j) == count;
                    Assert.True(whole, $"a reader counted {count} rows between acknowledged transactions {before} and {after}");

                    // Nearest-neighbour search through the index sees the same snapshot.
                    long nearest = Sql.Count(connection, "SELECT count(*) FROM t WHERE id > 0", transaction);
                    Assert.Equal(count, nearest);
                    var q = Vector(random.Next(1, (int)Math.Max(2, 5 * after)));
                    using (var search = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 10", connection) { Transaction = transaction })
                    {
                        search.Parameters.AddWithValue("q", q);
                        int rows = 0;
                        using var reader = search.ExecuteReader();
                        while (reader.Read())
                            rows++;
                        Assert.Equal(Math.Min(10, count), rows);
                    }
                    Assert.Equal(count, Sql.Count(connection, "SELECT count(*) FROM t", transaction));
                    transaction.Commit();
                    Interlocked.Increment(ref reads);
                }
            });
        }

        await Task.WhenAll([writer, .. readers]);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Interlocked.Read(ref acknowledged)} write transactions, {Interlocked.Read(ref reads)} read transactions");
        Assert.True(Interlocked.Read(ref acknowledged) > 10 && Interlocked.Read(ref reads) > 10,
            $"in {clock.Elapsed.TotalSeconds:F0} s only {Interlocked.Read(ref acknowledged)} write and {Interlocked.Read(ref reads)} read transactions");
    }

    [Fact]
    public void A_second_writer_waits_for_the_busy_timeout_and_fails_with_its_own_code()
    {
        using var dir = new TempDirectory();
        string path = dir.File("busy.vdb");
        using var first = new VecStoreConnection($"Data Source={path}");
        first.Open();
        Sql.Execute(first, $"CREATE TABLE t (id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, v VECTOR({Dimensions}))");
        using var second = new VecStoreConnection($"Data Source={path};Default Timeout=1");
        second.Open();

        using (var transaction = first.BeginTransaction())
        {
            Sql.Execute(first, "INSERT INTO t VALUES (1, 1, @v)", transaction, ("v", Vector(1)));
            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<VecStoreException>(() => Sql.Execute(second, "INSERT INTO t VALUES (2, 1, @v)", null, ("v", Vector(2))));
            Assert.Equal(ErrorCode.Busy, error.Code);
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
            // Reading is not blocked by the writer, and does not see its uncommitted row.
            Assert.Equal(0L, Sql.Count(second, "SELECT count(*) FROM t"));
            transaction.Commit();
        }
        Sql.Execute(second, "INSERT INTO t VALUES (2, 1, @v)", null, ("v", Vector(2)));
        Assert.Equal(2L, Sql.Count(first, "SELECT count(*) FROM t"));
    }
}
