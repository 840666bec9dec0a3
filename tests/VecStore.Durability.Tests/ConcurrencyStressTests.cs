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
            Execute(setup, null, $"CREATE TABLE t (id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, v VECTOR({Dimensions}))");
            Execute(setup, null, "CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 32)");
        }
        var duration = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 120 : 3);
        long acknowledged = 0;
        var stop = new CancellationTokenSource(duration);
        long reads = 0;

        var writer = Task.Run(() =>
        {
            using var connection = new VecStoreConnection(connectionString);
            connection.Open();
            long nextId = 1, oldest = 1;
            for (long j = 1; !stop.IsCancellationRequested; j++)
            {
                using (var transaction = connection.BeginTransaction())
                {
                    for (int r = 0; r < 5; r++, nextId++)
                        Execute(connection, transaction, "INSERT INTO t VALUES (@id, @txn, @v)", ("id", nextId), ("txn", j), ("v", Vector(nextId)));
                    if (j % 3 == 0)
                    {
                        Execute(connection, transaction, "DELETE FROM t WHERE id = @a OR id = @b", ("a", oldest), ("b", oldest + 1));
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
                while (!stop.IsCancellationRequested)
                {
                    long before = Interlocked.Read(ref acknowledged);
                    using var transaction = connection.BeginTransaction();
                    long count = Scalar(connection, transaction, "SELECT count(*) FROM t");
                    long after = Interlocked.Read(ref acknowledged);
                    // A whole number of the writer's transactions, no older than what was acknowledged before BEGIN.
                    bool whole = false;
                    for (long j = before; j <= after + 1 && !whole; j++)
                        whole = RowsAfter(j) == count;
                    Assert.True(whole, $"a reader counted {count} rows between acknowledged transactions {before} and {after}");

                    // Nearest-neighbour search through the index sees the same snapshot.
                    long nearest = Scalar(connection, transaction, "SELECT count(*) FROM t WHERE id > 0");
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
                    Assert.Equal(count, Scalar(connection, transaction, "SELECT count(*) FROM t"));
                    transaction.Commit();
                    Interlocked.Increment(ref reads);
                }
            });
        }

        await Task.WhenAll([writer, .. readers]);
        output.WriteLine($"{duration.TotalSeconds} s: {Interlocked.Read(ref acknowledged)} write transactions, {Interlocked.Read(ref reads)} read transactions");
        Assert.True(Interlocked.Read(ref acknowledged) > 10 && Interlocked.Read(ref reads) > 10);
    }

    [Fact]
    public void A_second_writer_waits_for_the_busy_timeout_and_fails_with_its_own_code()
    {
        using var dir = new TempDirectory();
        string path = dir.File("busy.vdb");
        using var first = new VecStoreConnection($"Data Source={path}");
        first.Open();
        Execute(first, null, $"CREATE TABLE t (id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, v VECTOR({Dimensions}))");
        using var second = new VecStoreConnection($"Data Source={path};Default Timeout=1");
        second.Open();

        using (var transaction = first.BeginTransaction())
        {
            Execute(first, transaction, "INSERT INTO t VALUES (1, 1, @v)", ("v", Vector(1)));
            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<VecStoreException>(() => Execute(second, null, "INSERT INTO t VALUES (2, 1, @v)", ("v", Vector(2))));
            Assert.Equal(ErrorCode.Busy, error.Code);
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
            // Reading is not blocked by the writer, and does not see its uncommitted row.
            Assert.Equal(0L, Scalar(second, null, "SELECT count(*) FROM t"));
            transaction.Commit();
        }
        Execute(second, null, "INSERT INTO t VALUES (2, 1, @v)", ("v", Vector(2)));
        Assert.Equal(2L, Scalar(first, null, "SELECT count(*) FROM t"));
    }

    private static void Execute(VecStoreConnection connection, VecStoreTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static long Scalar(VecStoreConnection connection, VecStoreTransaction? transaction, string sql)
    {
        using var command = new VecStoreCommand(sql, connection) { Transaction = transaction };
        return (long)command.ExecuteScalar()!;
    }
}
