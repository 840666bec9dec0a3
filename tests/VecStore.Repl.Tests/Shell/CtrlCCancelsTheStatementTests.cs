using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Ctrl+C while a statement runs cancels that statement (VECSQL0230, nothing changed) and the shell goes on, with a real <c>vecstore</c> child and a real SIGINT.</summary>
public sealed class CtrlCCancelsTheStatementTests
{
    // Far longer than any test waits: each vector is linked against thousands of candidates.
    private const string SlowIndex = "CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 32, ef_construction = 4000);";
    private const int Rows = 20_000;

    [Fact]
    public void In_a_script_SIGINT_cancels_the_running_CREATE_INDEX_and_the_next_statement_runs()
    {
        using var folder = new TempDirectory();
        Prepare(folder.File("c.vdb"));
        using var shell = ShellChild.Start(folder.Path, terminal: false, "c.vdb");
        // An error is written at once (standard error flushes), so it marks where the script has got to.
        shell.Write("SELECT * FROM marker;\n" + SlowIndex + "\nSELECT count(*) AS n FROM t;\nCHECK;\n");
        shell.WaitFor("VECSQL0100");
        shell.WaitForThread("HNSW build");

        shell.Interrupt();
        var (exitCode, output) = shell.Finish();

        Assert.Contains("VECSQL0230", output);
        Assert.Contains(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.DoesNotContain("index t_v", output);
        Assert.DoesNotContain("damaged", output);
        Assert.Equal(1, exitCode);
        Assert.Empty(Directory.GetFiles(folder.Path, "*-index-*"));
    }

    [Fact]
    public void At_the_interactive_prompt_Ctrl_C_cancels_the_running_CREATE_INDEX_and_returns_to_the_prompt()
    {
        using var folder = new TempDirectory();
        Prepare(folder.File("c.vdb"));
        using var shell = ShellChild.StartInTerminal(folder.Path, "c.vdb");
        if (shell is null)
            return;
        int at = shell.WaitFor("vecstore> ");
        shell.Write(SlowIndex + "\r");
        at = shell.WaitFor("Linking vectors into the graph", at);

        shell.Write("\u0003");
        at = shell.WaitFor("VECSQL0230", at);
        at = shell.WaitFor("vecstore> ", at);
        shell.Write("SELECT count(*) AS n FROM t;\r");
        shell.WaitFor(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), at);
        shell.Write(".quit\r");
        var (exitCode, _) = shell.Finish();

        Assert.Equal(0, exitCode);
        Assert.Empty(Directory.GetFiles(folder.Path, "*-index-*"));
    }

    [Fact]
    public void SIGINT_stops_an_import_which_then_imports_nothing()
    {
        using var folder = new TempDirectory();
        using (var connection = new VecStoreConnection($"Data Source={folder.File("c.vdb")}"))
        {
            connection.Open();
            using var create = new VecStoreCommand("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))", connection);
            create.ExecuteNonQuery();
        }
        // A named pipe as the file: the import waits for each row the test writes, so the signal
        // lands while it runs whatever the timing, and it notices at its next thousand rows.
        string rows = folder.File("rows.csv");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [rows]))
            mkfifo.WaitForExit();
        using var shell = ShellChild.Start(folder.Path, terminal: false, "c.vdb");
        shell.Write(".import rows.csv INTO t\nSELECT count(*) AS n FROM t;\n");
        var pipe = new StreamWriter(rows);
        try
        {
            pipe.WriteLine("id,v");
            for (int id = 1; id <= 1500; id++)
                pipe.WriteLine($"{id},\"[{id}, 0]\"");
            pipe.Flush();
            shell.Interrupt();
            for (int id = 1501; id <= 5000; id++)
                pipe.WriteLine($"{id},\"[{id}, 0]\"");
            pipe.Flush();
        }
        catch (IOException)
        {
            // The import stopped at its thousandth row and closed the pipe before the rest was written.
        }
        finally
        {
            try
            {
                pipe.Dispose();
            }
            catch (IOException)
            {
                // The same closed pipe, met again while flushing on dispose.
            }
        }
        var (exitCode, output) = shell.Finish();

        Assert.True(output.Contains("VECSQL0230", StringComparison.Ordinal), output);
        Assert.Contains("nothing was imported", output);
        Assert.Matches(@"(?m)^\s*0\s*$", output);
        Assert.Equal(1, exitCode);
    }

    internal static void Prepare(string path)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using (var create = new VecStoreCommand("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(32))", connection))
            create.ExecuteNonQuery();
        var random = RandomVectors.Create(5);
        new VecStoreBulkInsert(connection, "t").Write(Enumerable.Range(1, Rows).Select(id => new object?[] { (long)id, RandomVectors.Uniform(random, 1, 32) }));
    }
}
