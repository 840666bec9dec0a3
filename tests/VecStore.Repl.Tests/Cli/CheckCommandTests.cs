using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Cli;

/// <summary><c>vecstore check FILE</c>, run as the real command: a table of every file's state and an exit code scripts can test.</summary>
public sealed class CheckCommandTests
{
    private const string Build = """
        CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(4));
        CREATE INDEX docs_title ON docs (title);
        INSERT INTO docs VALUES (1, 'a', [1, 0, 0, 0]), (2, 'b', [0, 1, 0, 0]), (3, 'c', [0, 0, 1, 0]);
        CREATE INDEX docs_v ON docs USING HNSW (v);
        """;

    [Fact]
    public void A_healthy_database_is_ok_with_a_row_per_file_and_exit_code_zero()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "d.vdb", Build);

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "check", "d.vdb");

        Assert.True(exitCode == 0, output);
        foreach (var kind in (string[])["sqlite", "vector log", "vector file", "vector index"])
            Assert.Contains("| " + kind, output, StringComparison.Ordinal);
        Assert.DoesNotContain("damaged", output, StringComparison.Ordinal);
        Assert.EndsWith("d.vdb: every file is ok\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_vector_page_is_reported_with_exit_code_one()
    {
        using var folder = new TempDirectory();
        VecstoreProcess.Run(folder.Path, "", "d.vdb", Build);
        // One bit of the first data page (pages are 256 KiB by default), after its header.
        using (var vectors = File.Open(folder.File("d.vdb-vectors"), FileMode.Open))
        {
            vectors.Position = 256 * 1024 + 100;
            int b = vectors.ReadByte();
            vectors.Position = 256 * 1024 + 100;
            vectors.WriteByte((byte)(b ^ 4));
        }

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "check", "d.vdb");

        Assert.True(exitCode == 1, output);
        Assert.Contains("| page 1 ", output, StringComparison.Ordinal);
        Assert.Contains("its checksum does not match its contents", output, StringComparison.Ordinal);
        Assert.Matches(@"d\.vdb: \d+ problems? found\n$", output);
    }

    [Fact]
    public void A_missing_file_is_an_error_with_exit_code_two_and_is_not_created()
    {
        using var folder = new TempDirectory();

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "check", "nothing.vdb");

        Assert.Equal((2, "Error: cannot check 'nothing.vdb': the file does not exist\n"), (exitCode, output));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_cannot_be_checked_with_exit_code_two()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("notes.vdb"), "these are not the bytes of a database, just some text that is long enough\n");

        var (exitCode, output) = VecstoreProcess.Run(folder.Path, "", "check", "notes.vdb");

        Assert.True(exitCode == 2 && output.StartsWith("Error: cannot check 'notes.vdb': ", StringComparison.Ordinal), output);
        Assert.Equal("these are not the bytes of a database, just some text that is long enough\n", File.ReadAllText(folder.File("notes.vdb")));
    }
}
