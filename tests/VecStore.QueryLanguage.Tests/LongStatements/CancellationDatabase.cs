using System.Globalization;
using System.Text;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>A database file with one table of seeded rows and vectors, and what a stopped statement must leave unchanged: the rows, the indexes, CHECK's verdict and the files.</summary>
internal sealed class CancellationDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();

    public CancellationDatabase(int rows, int dimensions, int seed = 7, bool vectors = true, int pageSize = 262144)
    {
        Path = _folder.File("c.vdb");
        Connection = new VecStoreConnection($"Data Source={Path};Threads=2;Page Size={pageSize}");
        Connection.Open();
        Execute(vectors ? $"CREATE TABLE t (id INTEGER PRIMARY KEY, tag INTEGER, v VECTOR({dimensions}))" : "CREATE TABLE t (id INTEGER PRIMARY KEY, tag INTEGER)");
        var random = RandomVectors.Create(seed);
        var bulk = new VecStoreBulkInsert(Connection, "t");
        bulk.Write(Enumerable.Range(1, rows).Select(id => vectors
            ? new object?[] { (long)id, (long)(id % 10), RandomVectors.Uniform(random, 1, dimensions) }
            : new object?[] { (long)id, (long)(id % 10) }));
    }

    public VecStoreConnection Connection { get; }

    public string Path { get; }

    public string Folder => _folder.Path;

    public int Execute(string sql, IProgress<VecStoreProgress>? progress = null)
    {
        using var command = new VecStoreCommand(sql, Connection) { Progress = progress };
        return command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var command = new VecStoreCommand(sql, Connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The error a statement run with <paramref name="progress"/> fails with.</summary>
    public VecStoreException Fails(string sql, IProgress<VecStoreProgress> progress, Action<VecStoreCommand>? prepare = null)
    {
        using var command = new VecStoreCommand(sql, Connection) { Progress = progress };
        prepare?.Invoke(command);
        return Assert.Throws<VecStoreException>(() => command.ExecuteNonQuery());
    }

    /// <summary>Everything a statement that changed nothing leaves as it was.</summary>
    public State Capture()
    {
        var rows = new StringBuilder();
        using (var command = new VecStoreCommand("SELECT * FROM t ORDER BY id", Connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                    rows.Append(reader.GetValue(i) is float[] v ? string.Join(' ', v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                rows.Append('\n');
            }
        }
        var check = new List<(string Kind, string Item, string Status, string Detail)>();
        using (var command = new VecStoreCommand("CHECK", Connection))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                check.Add((reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        var indexes = check.Where(c => c.Item.StartsWith("index ", StringComparison.Ordinal)).Select(c => c.Item).Order().ToList();
        var problems = check.Where(c => c.Status != "ok").Select(c => $"{c.Kind} {c.Item}: {c.Detail}").ToList();
        var files = Directory.GetFiles(Folder).Select(System.IO.Path.GetFileName).Order().ToList();
        return new State(rows.ToString(), string.Join(", ", indexes), string.Join("; ", problems), string.Join(", ", files!));
    }

    public void Dispose()
    {
        Connection.Dispose();
        _folder.Dispose();
    }

    /// <summary>The rows, the vector indexes CHECK sees, CHECK's problems and the database's files.</summary>
    internal sealed record State(string Rows, string Indexes, string Problems, string Files);
}
