using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Errors print as <c>Error: </c> lines, every error of a statement is shown, and a bug says it is one.</summary>
public sealed class ErrorReporterTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");
    private readonly StringWriter _output = new() { NewLine = "\n" };
    private readonly ShellContext _context;

    public ErrorReporterTests()
    {
        _connection.Open();
        _context = new ShellContext(_connection, new StandardStreams(new StringReader(""), _output, _output));
    }

    [Fact]
    public void Engine_errors_print_the_message_with_its_caret()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT a FROM nowhere";
        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());

        _context.Errors.Report(error);

        Assert.Equal("Error: VECSQL0100 at line 1, column 15: no such table: 'nowhere'\n  SELECT a FROM nowhere\n                ^^^^^^^\n", _output.ToString());
    }

    [Fact]
    public void Every_further_error_in_the_text_is_printed_too()
    {
        var error = new VecStoreException(ErrorCode.UnknownColumn, "first")
        {
            Others = [new VecStoreException(ErrorCode.UnknownColumn, "second")],
        };

        _context.Errors.Report(error);

        Assert.Equal("Error: VECSQL0101: first\nError: VECSQL0101: second\n", _output.ToString());
    }

    [Fact]
    public void Other_exceptions_are_reported_as_bugs()
    {
        _context.Errors.Report(new InvalidOperationException("boom"));

        Assert.StartsWith("Internal error: this is a bug in VecStore", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_counts_the_errors()
    {
        _context.Errors.Report(new ShellException("one"));
        _context.Errors.Report(new ShellException("two"));

        Assert.Equal(2, _context.Errors.Count);
    }

    public void Dispose() => _connection.Dispose();
}
