using System.Text;
using VecStore.Repl.Cli;
using VecStore.Repl.DotCommands;
using VecStore.Repl.Output;
using VecStore.Repl.Shell;

namespace VecStore.Repl.Tests.Support;

/// <summary>A shell session on a private in-memory database, for running dot-commands in-process and looking at tables afterwards.</summary>
internal sealed class ShellSession : IDisposable
{
    private readonly StringWriter _output = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public ShellSession()
    {
        Connection = DatabaseOpener.Open(null, readOnly: false);
        Context = new ShellContext(Connection, new StandardStreams(new StringReader(""), _output, _error));
    }

    public VecStoreConnection Connection { get; }

    public ShellContext Context { get; }

    /// <summary>Runs one dot-command line; returns whether it succeeded and what it printed to output and to error.</summary>
    public (bool Ok, string Output, string Error) Dot(string line)
    {
        _output.GetStringBuilder().Clear();
        _error.GetStringBuilder().Clear();
        bool ok = DotCommandDispatcher.Run(Context, line);
        return (ok, _output.ToString(), _error.ToString());
    }

    /// <summary>Runs SQL that returns no rows.</summary>
    public void Execute(string sql)
    {
        using var command = new VecStoreCommand(sql, Connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of <paramref name="table"/> ordered by its first column, one line each, cells formatted for display and separated by '|'.</summary>
    public string Dump(string table) => Query($"SELECT * FROM {table} ORDER BY 1");

    /// <summary>The rows of a query, one line each, cells formatted exactly and separated by '|'.</summary>
    public string Query(string sql)
    {
        using var command = new VecStoreCommand(sql, Connection);
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
                text.Append(i == 0 ? "" : "|").Append(ValueFormatter.Exact(reader.GetValue(i)));
            text.Append('\n');
        }
        return text.ToString();
    }

    public void Dispose() => Connection.Dispose();
}
