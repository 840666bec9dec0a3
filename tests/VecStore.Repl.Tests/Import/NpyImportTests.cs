using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Import;

/// <summary><c>.import</c> of .npy files: float32 and float64 arrays, and bad headers and data leaving the table unchanged.</summary>
public sealed class NpyImportTests
{
    [Fact]
    public void Import_reads_a_float32_array_into_the_named_vector_column()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3], [4, 5, 6]]);

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal((true, "", "0|[1, 2, 3]\n1|[4, 5, 6]\n" + ImportFixture.Before), (result.Ok, result.Error, result.Table));
    }

    [Fact]
    public void Import_reads_a_float64_array()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[0.5f, 2, 3]], asDouble: true);

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal((true, "0|[0.5, 2, 3]\n" + ImportFixture.Before), (result.Ok, result.Table));
    }

    [Fact]
    public void Import_of_a_cut_off_file_is_refused_before_any_row()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3], [4, 5, 6]]);
        TestFiles.Truncate(path, 4);

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal($"Error: cannot import '{path}': the file is cut off: its header promises 2 × 3 float32 values (24 bytes) but only 20 bytes follow the header; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_rows_with_the_wrong_dimension_reports_the_row()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3, 4]]);

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0104: row 1: column 'v' is VECTOR(3) but the vector has 4 dimensions; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_an_infinite_value_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3], [float.PositiveInfinity, 0, 0]]);

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0107: row 2: vector element 0 is Infinity; vectors hold finite numbers only; nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }

    [Fact]
    public void Import_of_an_integer_array_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3]], descr: "<i4");

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal($"Error: cannot import '{path}': the array's dtype is '<i4'; .import reads little-endian float32 ('<f4') or float64 ('<f8'); nothing was imported\n", result.Error);
    }

    [Fact]
    public void Import_of_a_one_dimensional_array_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3]], shape: "(3,)");

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal($"Error: cannot import '{path}': the array has 1 dimension; .import reads a 2-D array, one row per vector; nothing was imported\n", result.Error);
    }

    [Fact]
    public void Import_into_an_unknown_column_is_refused()
    {
        using var fixture = new ImportFixture();
        string path = fixture.File("a.npy");
        TestFiles.WriteNpy(path, [[1, 2, 3]]);

        var result = fixture.Import($"{path} INTO t (id, vec)");

        Assert.Equal($"Error: cannot import '{path}': column 'vec' is not in table 't' (its columns: id, v); nothing was imported\n", result.Error);
        Assert.Equal(ImportFixture.Before, result.Table);
    }
}
