using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests;

/// <summary>
/// Bytes flipped, ranges zeroed and files truncated in the vector file and the index file: every
/// case either answers exactly as the undamaged database did (an index file is rebuilt from the
/// table) or fails with a corruption error; never another exception, never a wrong answer.
/// </summary>
/// <remarks>HNSW, IVF and IVFPQ index files: 60, 20 and 20 cases in the suite, and 20 in the vector file's header alone; 1,000 each with <c>VECSTORE_LONG=1</c>.</remarks>
public sealed class DamagedFileTests(ITestOutputHelper output)
{
    private const int Dimensions = 8;
    private const int Rows = 600;

    // IVF and IVFPQ take fewer cases in the suite: their files were added later, to a suite that must stay fast.
    private static int CasesFor(string method) => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 1000 : method == "HNSW" ? 60 : 20;

    private static readonly ErrorCode[] CorruptionCodes = [ErrorCode.CorruptPage, ErrorCode.CorruptFileHeader, ErrorCode.CorruptMetadata, ErrorCode.CorruptLog];

    private static float[] Vector(int id)
    {
        var v = new float[Dimensions];
        for (int d = 0; d < v.Length; d++)
            v[d] = (float)Math.Cos(id * 0.113 + d * 1.7);
        return v;
    }

    [Theory]
    [InlineData("HNSW", "", false)]
    [InlineData("IVF", " WITH (lists = 8, nprobe = 8)", false)]
    [InlineData("IVFPQ", " WITH (lists = 8, m = 4, nprobe = 8)", false)]
    [InlineData("HNSW", "", true)]
    public void Damage_in_vector_and_index_files_is_detected_or_repaired(string method, string options, bool vectorHeaderOnly)
    {
        using var dir = new TempDirectory();
        string pristine = Path.Combine(dir.Path, "pristine");
        Directory.CreateDirectory(pristine);
        string path = Path.Combine(pristine, "d.vdb");
        using (var connection = new VecStoreConnection($"Data Source={path}"))
        {
            connection.Open();
            Sql.Execute(connection, $"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
            using (var transaction = connection.BeginTransaction())
            {
                for (int id = 1; id <= Rows; id++)
                    Sql.Execute(connection, "INSERT INTO t VALUES (@id, @v)", transaction, ("id", id), ("v", Vector(id)));
                transaction.Commit();
            }
            Sql.Execute(connection, $"CREATE INDEX t_v ON t USING {method} (v){options}");
            connection.Checkpoint();
        }
        var expected = ReadAll(path);
        var q = Vector(7);
        var expectedNearest = Nearest(path, q, exact: true);

        var targets = Directory.GetFiles(pristine).Where(f => f.EndsWith("-vectors", StringComparison.Ordinal) || f.Contains("-index-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, targets.Length);
        var random = new Random(77 + method.Length + (vectorHeaderOnly ? 1000 : 0));
        int detected = 0, repaired = 0, cases = vectorHeaderOnly ? CasesFor("header") : CasesFor(method);
        for (int c = 0; c < cases; c++)
        {
            string work = Path.Combine(dir.Path, "case" + c);
            Directory.CreateDirectory(work);
            foreach (var file in Directory.GetFiles(pristine))
                File.Copy(file, Path.Combine(work, Path.GetFileName(file)));
            // The header page's fields (magic, version, page size, database id, checkpoint LSN, checksum) fill its first 56 bytes.
            string target = Path.Combine(work, Path.GetFileName(vectorHeaderOnly ? targets.Single(f => f.EndsWith("-vectors", StringComparison.Ordinal)) : targets[random.Next(targets.Length)]));
            string damage = FileDamage.Apply(target, random, vectorHeaderOnly ? 56 : null);
            string casePath = Path.Combine(work, "d.vdb");
            try
            {
                Assert.Equal(expected, ReadAll(casePath));
                Assert.Equal(expectedNearest, Nearest(casePath, q, exact: true));
                Assert.Equal(10, Nearest(casePath, q, exact: false).Length);
                repaired++;
            }
            catch (VecStoreException error)
            {
                Assert.True(CorruptionCodes.Contains(error.Code), $"{damage} in {Path.GetFileName(target)}: {error.Code} {error.Message}");
                string named = Path.GetFileName(target).Contains("-index-", StringComparison.Ordinal) ? "index" : "-vectors";
                Assert.True(error.Message.Contains(named, StringComparison.Ordinal), $"{damage} in {Path.GetFileName(target)}: the error does not name the file: {error.Message}");
                detected++;
            }
            Directory.Delete(work, recursive: true);
        }
        output.WriteLine($"{method}{(vectorHeaderOnly ? ", vector file header only" : "")}: {cases} damaged files: {detected} reported as corrupt, {repaired} answered exactly (damage outside live data, or an index rebuilt)");
    }

    private static List<(long, string)> ReadAll(string path)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using var command = new VecStoreCommand("SELECT id, v FROM t ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), string.Join(",", (float[])reader.GetValue(1))));
        return rows;
    }

    private static long[] Nearest(string path, float[] q, bool exact)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using var command = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 10" + (exact ? " WITH (strategy = 'flat')" : ""), connection);
        command.Parameters.AddWithValue("q", q);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return [.. ids];
    }
}
