using System.Diagnostics;
using VecStore.CrashWorker;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests.MultiProcess;

/// <summary>
/// Several processes on one database file: a writer process commits and checkpoints while this
/// process reads, writes, waits for its lock, and outlives its kills.
/// </summary>
/// <remarks>The writer is <c>VecStore.CrashWorker</c>; <c>VECSTORE_LONG=1</c> runs each test for minutes instead of seconds.</remarks>
public sealed class MultiProcessTests(ITestOutputHelper output)
{
    private static bool Long => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1";

    [Fact]
    public void Readers_in_this_process_see_whole_commits_while_a_writer_process_commits_and_checkpoints()
    {
        using var dir = new TempDirectory();
        string path = dir.File("shared.vdb");
        // Auto checkpoints (which never wait) every few kilobytes of vectors: pages change under this process often.
        using var writer = WorkerProcess.StartWriter(path, 1, options: "Checkpoint Threshold=1024", explicitCheckpoints: false);
        writer.WaitForAck(5, TimeSpan.FromSeconds(60));

        var fingerprints = new WorkloadFingerprints();
        var duration = Long ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(4);
        var deadline = DateTime.UtcNow + duration;
        long reads = 0, selfMisses = 0, holds = 0, holdsWithProgress = 0;
        var generations = new HashSet<long>();
        long firstAck = writer.Acked;
        var failures = new List<Exception>();
        var threads = new Thread[2];
        for (int t = 0; t < threads.Length; t++)
        {
            int seed = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    var random = new Random(100 + seed);
                    using var connection = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
                    connection.Open();
                    while (DateTime.UtcNow < deadline)
                    {
                        // Now and then a reader keeps its transaction open for a while: the writer must go on meanwhile.
                        bool hold = seed == 0 && random.Next(8) == 0;
                        long before = writer.Acked;
                        var result = SnapshotProbe.Run(connection, random, hold ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero);
                        long after = writer.Acked;
                        // Acks reach this process through a pipe after the commit: the snapshot may be a few ahead of them.
                        long n = fingerprints.Find(result.Count, result.Sum, before, after + 64);
                        Assert.True(n >= 0, $"a reader saw {result.Count} rows summing to {result.Sum}, which is no state between transactions {before} and {after + 64} ({fingerprints.Around(before)})");
                        lock (generations)
                        {
                            reads++;
                            if (!result.FoundSelf)
                                selfMisses++;
                            if (hold)
                            {
                                holds++;
                                if (after > before)
                                    holdsWithProgress++;
                            }
                            generations.Add(VectorFileHeaderBytes.Generation(path));
                        }
                    }
                }
                catch (Exception ex)
                {
                    lock (failures)
                        failures.Add(ex);
                }
            });
            threads[t].Start();
        }
        foreach (var thread in threads)
            thread.Join();
        long written = writer.Acked - firstAck;
        Assert.False(writer.HasExited, "the writer stopped: " + writer.Errors());
        writer.Kill();
        if (failures.Count > 0)
            throw new AggregateException(failures);

        output.WriteLine($"{duration.TotalSeconds:0} s: {reads} read transactions in this process, {written} write transactions in the writer process, "
            + $"{generations.Count} vector-file header versions seen, {holdsWithProgress} of {holds} held reads saw the writer commit meanwhile, {selfMisses} own-vector searches missed");
        Assert.True(written > 20, $"the writer committed only {written} transactions beside the readers");
        Assert.True(generations.Count >= 3, $"only {generations.Count} header versions seen: checkpoints did not run beside the readers");
        // A held read never stops the writer's commits; on a loaded 2-core machine a 300 ms window may still pass without one.
        Assert.True(holds == 0 || holdsWithProgress * 2 >= holds, $"the writer committed during only {holdsWithProgress} of {holds} held read transactions");
        Assert.True(selfMisses * 50 <= reads, $"{selfMisses} of {reads} searches missed the row whose vector they used");
    }

    [Fact]
    public void Two_writer_processes_share_one_file_and_lose_nothing()
    {
        using var dir = new TempDirectory();
        string path = dir.File("two-writers.vdb");
        long workload = Long ? 3000 : 200;
        using var other = WorkerProcess.StartWriter(path, 1, workload, options: "Checkpoint Threshold=16384");

        // This process writes its own table meanwhile, with checkpoints of its own.
        long mine = 0;
        using (var connection = new VecStoreConnection($"Data Source={path}"))
        {
            connection.Open();
            Sql.Execute(connection, "CREATE TABLE IF NOT EXISTS u (id INTEGER PRIMARY KEY, v VECTOR(8))");
            while (!other.HasExited || mine < 20)
            {
                using (var transaction = connection.BeginTransaction())
                {
                    for (int j = 0; j < 5; j++)
                    {
                        long id = mine * 5 + j;
                        Sql.Execute(connection, "INSERT INTO u VALUES (@id, @v)", transaction, ("id", id), ("v", CrashWorkload.Vector(id, 7)));
                    }
                    transaction.Commit();
                }
                mine++;
                if (mine % 20 == 0)
                    connection.Checkpoint();
            }
        }
        Assert.Equal(0, other.WaitForExit(TimeSpan.FromSeconds(120)));
        Assert.Equal(workload, other.Acked);

        using var reopened = new VecStoreConnection($"Data Source={path}");
        reopened.Open();
        var expected = CrashWorkload.StateAfter(workload);
        var rows = Sql.Rows(reopened, "SELECT id, val, v FROM t ORDER BY id");
        Assert.Equal(expected.Rows.Count, rows.Count);
        foreach (var (id, (val, v)) in expected.Rows)
        {
            Assert.True(rows.TryGetValue(id, out var row), $"row {id} of the other process is missing");
            Assert.Equal(val, row.Val);
            Assert.True(v is null ? row.V is null : row.V is not null && v.AsSpan().SequenceEqual(row.V), $"row {id} has another vector");
        }
        var own = Sql.Rows(reopened, "SELECT id, 0, v FROM u ORDER BY id");
        Assert.Equal(mine * 5, own.Count);
        foreach (var (id, (_, v)) in own)
            Assert.True(v is not null && v.AsSpan().SequenceEqual(CrashWorkload.Vector(id, 7)), $"row {id} of this process has another vector");
        output.WriteLine($"the other process committed {workload} transactions, this one {mine} (with {mine / 20} checkpoints)");
    }

    [Fact]
    public void A_write_transaction_in_another_process_makes_writers_here_fail_busy_while_reads_go_on()
    {
        using var dir = new TempDirectory();
        string path = dir.File("held.vdb");
        using (var setup = new VecStoreConnection($"Data Source={path}"))
        {
            setup.Open();
            Sql.Execute(setup, HoldWorker.CreateTable);
            Sql.Execute(setup, "INSERT INTO h VALUES (2, @v)", null, ("v", CrashWorkload.Vector(2, 1)));
        }
        using var holder = WorkerProcess.StartHolder(path);

        using var connection = new VecStoreConnection($"Data Source={path};Default Timeout=1");
        connection.Open();
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<VecStoreException>(() => Sql.Execute(connection, "INSERT INTO h VALUES (3, @v)", null, ("v", CrashWorkload.Vector(3, 1))));
        Assert.Equal(ErrorCode.Busy, error.Code);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {watch.Elapsed.TotalSeconds:0.00} s, before the timeout");
        // Reads are not blocked by the other process's writer, and do not see its uncommitted row.
        Assert.Equal(1L, Sql.Count(connection, "SELECT count(*) FROM h"));

        holder.Send("commit");
        holder.WaitForLine("committed", TimeSpan.FromSeconds(30));
        Assert.Equal(0, holder.WaitForExit(TimeSpan.FromSeconds(30)));
        Sql.Execute(connection, "INSERT INTO h VALUES (3, @v)", null, ("v", CrashWorkload.Vector(3, 1)));
        var rows = Sql.Rows(connection, "SELECT id, 0, v FROM h ORDER BY id");
        Assert.Equal([1L, 2L, 3L], rows.Keys);
        foreach (var (id, (_, v)) in rows)
            Assert.True(v!.AsSpan().SequenceEqual(CrashWorkload.Vector(id, 1)));
    }

    [Fact]
    public void A_reader_process_outlives_writer_processes_killed_at_random_moments()
    {
        using var dir = new TempDirectory();
        string path = dir.File("killed.vdb");
        int kills = Long ? 100 : 8;
        var random = new Random(77);
        var fingerprints = new WorkloadFingerprints();
        long present = 0;
        int killsMidCheckpoint = 0;
        WorkerProcess? writer = WorkerProcess.StartWriter(path, 1, options: "Checkpoint Threshold=4096", explicitCheckpoints: false);
        try
        {
            writer.WaitForAck(1, TimeSpan.FromSeconds(60));
            // Opened once, kept across every kill: its mapping, page directory and overlay must follow.
            using var reader = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
            reader.Open();
            for (int kill = 0; kill < kills; kill++)
            {
                Thread.Sleep(random.Next(30, 300));
                long acked = writer.Kill();
                if (VectorFileHeaderBytes.HasApplyMarker(path))
                    killsMidCheckpoint++;
                writer.Dispose();
                writer = null;

                var result = SnapshotProbe.Run(reader, random, TimeSpan.Zero);
                long n = fingerprints.Find(result.Count, result.Sum, acked, acked + 1, reader.GetIndexes("t").Count > 0);
                Assert.True(n >= 0, $"kill {kill}: the reader saw {result.Count} rows summing to {result.Sum}, not the state after {acked} or {acked + 1} transactions");
                Assert.True(n >= present, $"kill {kill}: the database went back from {present} to {n} transactions");
                present = n;

                writer = WorkerProcess.StartWriter(path, present + 1, options: "Checkpoint Threshold=4096", explicitCheckpoints: false);
                writer.WaitForAck(present + 1, TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            writer?.Dispose();
        }
        output.WriteLine($"{kills} kills of the writer process with a reader process open, {present} transactions committed, {killsMidCheckpoint} kills left a checkpoint half-applied");
    }
}
