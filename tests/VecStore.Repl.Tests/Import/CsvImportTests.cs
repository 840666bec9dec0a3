namespace VecStore.Repl.Tests.Import;

/// <summary><c>.import</c> of CSV files: header-named columns, the vector spellings, quoting, and bad files leaving the table unchanged.</summary>
public sealed class CsvImportTests
{
    private const string Table = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, v VECTOR(3))";
    private const string Before = "100|||[9, 9, 9]\n";

    [Fact]
    public void Import_reads_every_vector_spelling_and_quoted_cells()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv",
            "id,name,price,v\n1,plain,1.5,\"[0.1, 0.2, 0.3]\"\n2,\"with, comma\",,1 2 3\r\n\n3,\"say \"\"hi\"\"\",-2e1,4;5;6\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal((true, "", "1|plain|1.5|[0.1, 0.2, 0.3]\n2|with, comma||[1, 2, 3]\n3|say \"hi\"|-20|[4, 5, 6]\n" + Before),
            (result.Ok, result.Error, result.Table));
        Assert.StartsWith("Imported 3 rows into t in ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_with_a_column_list_takes_only_those_columns()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,name,v\n1,skipped,[1, 2, 3]\n");

        var result = fixture.Import($"{path} INTO t (id, v)");

        Assert.Equal("1|||[1, 2, 3]\n" + Before, result.Table);
    }

    [Fact]
    public void Import_of_a_file_cut_off_inside_a_quoted_cell_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,v\n1,\"[1, 2, 3]\"\n2,\"[4, 5");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 3: a quoted cell is not closed before the end of the file; the file may be cut off; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_row_with_missing_cells_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,name,v\n1,a,[1, 2, 3]\n2,b\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 3 has 2 cells but the header names 3 columns; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_vector_with_the_wrong_dimension_reports_the_line()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,v\n1,[1, 2, 3]\n\n2,[1, 2]\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0104: line 4: column 'v' is VECTOR(3) but the vector has 2 dimensions; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Theory]
    [InlineData("1,[1, 2, x3]", "column 'v': vector element 2 ('x3') is not a number")]
    [InlineData("1,[1, 2, 3", "column 'v': '[1, 2, 3' is missing its closing ']'")]
    [InlineData("one,[1, 2, 3]", "column 'id': 'one' is not an integer")]
    public void Import_of_a_bad_number_names_the_line_and_column(string row, string message)
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,v\n" + row + "\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 2, {message}; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_header_naming_an_unknown_column_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.csv", "id,colour,v\n1,red,[1, 2, 3]\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 1: column 'colour' is not in table 't' (its columns: id, name, price, v); nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }
}
