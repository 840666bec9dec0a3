using System.Diagnostics;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>A database written by one process cannot be opened by another until it closes it.</summary>
public sealed class ProcessExclusionTests
{
    [Fact]
    public void A_second_process_cannot_open_a_database_another_process_writes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("held.vdb");
        using (var session = StorageFixture.Open(path))
            StorageFixture.CreateDocs(session, 2);

        // Another process holds the vector file as a writing VecStore process does.
        using var holder = Process.Start(new ProcessStartInfo("python3",
            ["-c", $"import fcntl,sys,time; f=open({Quote(path + "-vectors")},'r+b'); fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", holder.StandardOutput.ReadLine());
        try
        {
            var error = Assert.Throws<VecStoreException>(() => StorageFixture.Open(path));
            Assert.Equal(ErrorCode.CannotOpen, error.Code);
            Assert.Contains("another process has the database open", error.Reason);
        }
        finally
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
        }
        using var reopened = StorageFixture.Open(path);
        Assert.NotNull(StorageFixture.Read(reopened, () => reopened.Catalog.FindTable("docs")));
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
