namespace VecStore.Repl.Tests.Import;

/// <summary><c>.import</c> of JSON lines: objects keyed by column, vectors as arrays, and bad lines leaving the table unchanged.</summary>
public sealed class JsonLinesImportTests
{
    private const string Table = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, v VECTOR(3))";
    private const string Before = "100|||[9, 9, 9]\n";

    [Fact]
    public void Import_reads_objects_keyed_by_column()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl",
            "{\"id\": 1, \"name\": \"a\", \"price\": 2, \"v\": [0.5, 1, 2]}\n\n{\"id\": 2, \"v\": [3, 4, 5], \"name\": null}\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal((true, "", "1|a|2|[0.5, 1, 2]\n2|||[3, 4, 5]\n" + Before), (result.Ok, result.Error, result.Table));
        Assert.StartsWith("Imported 2 rows into t in ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_cut_off_last_line_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl", "{\"id\": 1, \"v\": [1, 2, 3]}\n{\"id\": 2, \"v\": [1, 2");

        var result = fixture.Import($"{path} INTO t");

        Assert.StartsWith($"Error: cannot import '{path}': line 2: not valid JSON (", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("); the line may be cut off; nothing was imported\n", result.Error, StringComparison.Ordinal);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_vector_with_the_wrong_dimension_reports_the_line()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl", "{\"id\": 1, \"v\": [1, 2, 3]}\n{\"id\": 2, \"v\": [1, 2, 3, 4]}\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0104: line 2: column 'v' is VECTOR(3) but the vector has 4 dimensions; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_vector_element_that_is_not_a_number_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl", "{\"id\": 1, \"v\": [1, \"two\", 3]}\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 1: column 'v': vector element 1 (\"two\") is not a number; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_a_text_where_a_number_belongs_reports_the_engine_error()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl", "{\"id\": 1, \"price\": \"cheap\", \"v\": [1, 2, 3]}\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': VECSQL0105: line 1: column 'price' is REAL but the value is the text 'cheap'; nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }

    [Fact]
    public void Import_of_an_unknown_key_is_refused()
    {
        using var fixture = new ImportFixture(Table);
        string path = fixture.Text("a.jsonl", "{\"id\": 1, \"v\": [1, 2, 3]}\n{\"id\": 2, \"colour\": \"red\", \"v\": [1, 2, 3]}\n");

        var result = fixture.Import($"{path} INTO t");

        Assert.Equal($"Error: cannot import '{path}': line 2: column 'colour' is not in table 't' (its columns: id, name, price, v); nothing was imported\n", result.Error);
        Assert.Equal(Before, result.Table);
    }
}
