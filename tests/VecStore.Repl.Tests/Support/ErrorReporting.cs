using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Support;

/// <summary>A shell context on a memory database whose error reporter writes into <see cref="Output"/>, for tests of how errors print.</summary>
internal sealed class ErrorReporting : IDisposable
{
    private readonly StringWriter _output = new() { NewLine = "\n" };

    public ErrorReporting()
    {
        Connection.Open();
        Context = new ShellContext(Connection, new StandardStreams(new StringReader(""), _output, _output));
    }

    public VecStoreConnection Connection { get; } = new("Data Source=:memory:");

    public ShellContext Context { get; }

    /// <summary>Everything reported so far.</summary>
    public string Output => _output.ToString();

    /// <summary>Runs <paramref name="sql"/>, which must fail, and reports its error.</summary>
    public void ReportFailureOf(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());
        Context.Errors.Report(error);
    }

    public void Dispose() => Connection.Dispose();
}
