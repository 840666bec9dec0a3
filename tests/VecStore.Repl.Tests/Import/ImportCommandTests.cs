using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Import;

/// <summary>The <c>.import</c> command itself: its arguments, missing files and tables, formats it does not know, and transactions.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public void Missing_file_is_an_error()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("none.csv");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal(($"Error: VECSQL1021: '{path}': no such file\n", ImportFixture.Before), (result.Error, result.Table));
    }

    [Fact]
    public void Every_kind_of_bad_path_has_its_own_error()
    {
        using var fixture = new ImportFixture();
        string folder = Path.GetDirectoryName(fixture.File("x"))!;
        string plain = fixture.Text("plain.csv", "id\n");
        var cases = new List<(string Arguments, string Error)>
        {
            ($"{folder} INTO t", $"Error: VECSQL1020: the path '{folder}' names a folder, not a file\n"),
            ($"{folder}/none/a.csv INTO t", $"Error: VECSQL1021: '{folder}/none/a.csv': the folder '{folder}/none' does not exist\n"),
            ($"{plain}/a.csv INTO t", $"Error: VECSQL1020: the path '{plain}/a.csv' goes through '{plain}', which is a file, not a folder\n"),
            ("'' INTO t", "Error: VECSQL1020: the path '' is empty; give a file name\n"),
            ("'file:a.csv' INTO t", $"Error: VECSQL1021: 'file:a.csv': no such file\n"),
        };
        // Root may read almost anything, but not the memory of process 1 (here behind a name with a known extension).
        if (File.Exists("/proc/1/mem"))
        {
            string denied = fixture.File("mem.csv");
            File.CreateSymbolicLink(denied, "/proc/1/mem");
            cases.Add(($"{denied} INTO t", $"Error: VECSQL1023: permission denied for '{denied}' while importing\n"));
        }
        foreach (var (arguments, error) in cases)
        {
            var result = fixture.Import(arguments);
            Assert.Equal((arguments, error, ImportFixture.Before), (arguments, result.Error, result.Table));
        }
    }

    [Fact]
    public void Unknown_table_is_an_error()
    {
        using var fixture = new ImportFixture();
        string path = fixture.Text("a.csv", "id\n1\n");

        var result = fixture.Import($"{path} INTO nope");

        Assert.Equal("Error: there is no table named 'nope'; .tables lists them\n", result.Error);
    }

    [Fact]
    public void Unknown_extension_is_an_error()
    {
        using var fixture = new ImportFixture();
        string path = fixture.Text("a.parquet", "");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': cannot tell the format from the extension '.parquet'; .import reads .fvecs, .npy, .csv or .jsonl; nothing was imported\n", result.Error);
    }

    [Fact]
    public void Missing_table_prints_the_usage()
    {
        using var fixture = new ImportFixture();

        var result = fixture.Import("a.csv");

        Assert.Equal("Error: usage: .import FILE [INTO] TABLE [(COL, ...)]\n", result.Error);
    }

    [Fact]
    public void Sqlite3s_form_without_INTO_imports_into_the_table()
    {
        using var fixture = new ImportFixture();
        string path = fixture.Text("a.csv", "v,id\n\"[1, 2, 3]\",1\n");
        string columns = fixture.Text("b.csv", "id,v\n2,\"[2, 2, 2]\"\n");

        var plain = fixture.Import($"{path} t");
        var listed = fixture.Import($"{columns} t (id, v)");

        Assert.Equal((true, true, "1|[1, 2, 3]\n2|[2, 2, 2]\n" + ImportFixture.Before), (plain.Ok, listed.Ok, listed.Table));
    }

    [Fact]
    public void Failed_import_inside_a_transaction_leaves_the_transaction_usable()
    {
        using var fixture = new ImportFixture();
        string bad = fixture.Text("bad.csv", "id,v\n1,[1, 2, 3]\n2,[1]\n");
        string good = fixture.Text("good.csv", "id,v\n3,[3, 3, 3]\n");
        using var transaction = fixture.Session.Connection.BeginTransaction();

        var failed = fixture.Import($"{bad} INTO t");
        var imported = fixture.Import($"{good} INTO t");
        transaction.Commit();

        Assert.Equal((false, true, "3|[3, 3, 3]\n" + ImportFixture.Before), (failed.Ok, imported.Ok, fixture.Session.Dump("t")));
    }

    [Fact]
    public void Help_lists_import()
    {
        using var session = new ShellSession();

        var (_, output, _) = session.Dot(".help");

        Assert.Contains(".import FILE [INTO] TABLE [(COL, ...)]", output, StringComparison.Ordinal);
    }
}
