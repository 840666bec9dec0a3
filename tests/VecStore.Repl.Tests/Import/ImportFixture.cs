using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Import;

/// <summary>A session with table <c>t (id INTEGER PRIMARY KEY, v VECTOR(3))</c> already holding row 100, and a folder for the files to import.</summary>
/// <remarks>Every failed import must leave exactly <see cref="Before"/> in the table.</remarks>
internal sealed class ImportFixture : IDisposable
{
    public const string Before = "100|[9, 9, 9]\n";

    private readonly TempDirectory _folder = new();

    public ImportFixture(string table = "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(3))")
    {
        Session.Execute(table);
        Session.Execute("INSERT INTO t (id, v) VALUES (100, [9, 9, 9])");
    }

    public ShellSession Session { get; } = new();

    /// <summary>A path in the test's folder.</summary>
    public string File(string name) => _folder.File(name);

    /// <summary>Writes a text file and returns its path.</summary>
    public string Text(string name, string contents)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>Runs <c>.import</c> and returns the error it printed (empty when it succeeded) and the table afterwards.</summary>
    public (bool Ok, string Output, string Error, string Table) Import(string arguments)
    {
        var (ok, output, error) = Session.Dot(".import " + arguments);
        return (ok, output, error, Session.Dump("t"));
    }

    public void Dispose()
    {
        Session.Dispose();
        _folder.Dispose();
    }
}
