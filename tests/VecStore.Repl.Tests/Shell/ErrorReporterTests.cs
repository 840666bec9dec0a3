using VecStore.Repl.Shell;
using VecStore.Repl.Tests.Support;

namespace VecStore.Repl.Tests.Shell;

/// <summary>Errors print as <c>Error: </c> lines, every error of a statement is shown, and a bug says it is one.</summary>
public sealed class ErrorReporterTests : IDisposable
{
    private readonly ErrorReporting _shell = new();

    [Fact]
    public void Engine_errors_print_the_message_with_its_caret()
    {
        _shell.ReportFailureOf("SELECT a FROM nowhere");

        Assert.Equal("Error: VECSQL0100 at line 1, column 15: no such table: 'nowhere'\n  SELECT a FROM nowhere\n                ^^^^^^^\n", _shell.Output);
    }

    [Fact]
    public void Every_further_error_in_the_text_is_printed_too()
    {
        var error = new VecStoreException(ErrorCode.UnknownColumn, "first")
        {
            Others = [new VecStoreException(ErrorCode.UnknownColumn, "second")],
        };

        _shell.Context.Errors.Report(error);

        Assert.Equal("Error: VECSQL0101: first\nError: VECSQL0101: second\n", _shell.Output);
    }

    [Fact]
    public void Other_exceptions_are_reported_as_bugs()
    {
        _shell.Context.Errors.Report(new InvalidOperationException("boom"));

        Assert.StartsWith("Internal error: this is a bug in VecStore", _shell.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_counts_the_errors()
    {
        _shell.Context.Errors.Report(new ShellException("one"));
        _shell.Context.Errors.Report(new ShellException("two"));

        Assert.Equal(2, _shell.Context.Errors.Count);
    }

    public void Dispose() => _shell.Dispose();
}
