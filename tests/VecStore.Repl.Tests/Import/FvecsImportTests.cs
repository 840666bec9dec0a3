using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Import;

/// <summary><c>.import</c> of .fvecs files: the row-number rule, and every kind of bad file leaving the table unchanged.</summary>
public sealed class FvecsImportTests
{
    [Fact]
    public void Import_gives_the_primary_key_the_row_number_when_no_columns_are_named()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3], [4, 5, 6.5f]);

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal((true, "", "0|[1, 2, 3]\n1|[4, 5, 6.5]\n" + ImportFixture.Before),
            (result.Ok, result.Error, result.Table));
        Assert.StartsWith("Imported 2 rows into t in ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_with_two_columns_gives_the_first_the_row_number()
    {
        using var fixture = new ImportFixture("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, v VECTOR(3))");
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3], [4, 5, 6]);

        var result = fixture.Import($"{path} INTO t (n, v)");

        Assert.Equal((true, "0|[1, 2, 3]\n1|[4, 5, 6]\n"), (result.Ok, fixture.Session.Query("SELECT n, v FROM t WHERE n IS NOT NULL ORDER BY n")));
    }

    [Fact]
    public void Import_of_a_cut_off_file_names_the_vector_and_imports_nothing()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3], [4, 5, 6]);
        TestFiles.Truncate(path, 5);

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': vector 2 is cut off: the file ends 7 bytes into its 12; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_vectors_with_the_wrong_dimension_reports_the_engine_error_at_the_vector()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2], [3, 4]);

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0104: vector 1: column 'v' is VECTOR(3) but the vector has 2 dimensions; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_records_that_differ_in_dimension_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3], [4, 5, 6], [7, 8, 9, 10]);

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': vector 3 has 4 dimensions but vector 1 has 3; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_a_vector_holding_NaN_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3], [4, float.NaN, 6]);

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0107: vector 2: vector element 1 is NaN; vectors hold finite numbers only; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_into_an_unknown_column_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.fvecs");
        TestFiles.WriteFvecs(path, [1, 2, 3]);

        var result = fixture.Import($"{path} INTO t (embedding)");

        Assert.Equal($"Error: cannot import '{path}': column 'embedding' is not in table 't' (its columns: id, v); nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }
}
