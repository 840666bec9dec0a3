using VecStore.CrashWorker;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests.Backups;

/// <summary>
/// Kills the crash worker with SIGKILL, every other time a few milliseconds into a VACUUM (run after
/// every 4th transaction), at random otherwise; reopens the
/// database and checks it holds exactly the acknowledged transactions, with the index agreeing:
/// VACUUM's renumbering commits like any statement, and its file rewrite is a rename of a file
/// holding the same vectors.
/// </summary>
/// <remarks>6 kills in the suite, 150 with <c>VECSTORE_LONG=1</c>.</remarks>
public sealed class VacuumCrashTests(ITestOutputHelper output)
{
    private static int Kills => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 150 : 6;

    [Fact]
    public void A_kill_during_vacuum_loses_nothing_acknowledged()
    {
        using var dir = new TempDirectory();
        string path = dir.File("vacuum-crash.vdb");
        var random = new Random(31);
        long present = 0;
        int insideVacuum = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            bool vacuuming = false;
            // Every other kill is aimed: a few milliseconds after VACUUM starts. The others fall at random.
            bool aimed = kill % 2 == 0;
            int afterStart = random.Next(0, 40);
            using var killNow = new ManualResetEventSlim();
            // An aimed kill waits for VACUUM however long the transactions before it take (a loaded machine
            // runs them slowly); a random one counts from the worker's first commit, so each kill moves the
            // workload on.
            var delay = aimed ? TimeSpan.FromSeconds(60) : TimeSpan.FromMilliseconds(random.Next(30, 350));
            long acked = CrashKillTests.RunAndKill(path, present + 1, delay, vacuumEvery: 4,
                line =>
                {
                    vacuuming = line == "vacuum" || (vacuuming && line != "vacuumed");
                    if (aimed && line == "vacuum")
                    {
                        Thread.Sleep(afterStart);
                        killNow.Set();
                    }
                }, killNow, afterFirstCommit: true);
            if (vacuuming)
                insideVacuum++;
            long before = present;
            present = CrashKillTests.Verify(path, Math.Max(present, acked));
            Assert.True(present >= before, $"kill {kill}: the database went back from {before} to {present} transactions");
        }
        Assert.True(present >= Kills, $"only {present} transactions committed over {Kills} kills that each waited for a commit");
        Assert.True(insideVacuum > 0, "no kill landed inside VACUUM");
        output.WriteLine($"{Kills} kills, {insideVacuum} of them inside VACUUM, {present} transactions committed");
    }
}
