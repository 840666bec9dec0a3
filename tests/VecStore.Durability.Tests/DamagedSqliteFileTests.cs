using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests;

/// <summary>
/// Bits flipped, ranges zeroed and truncations in the SQLite file and its WAL. Every case either
/// answers exactly as the undamaged database did, or fails with a corruption error naming the
/// SQLite file; never another exception, never a hang. SQLite keeps no checksums of its pages, so
/// a flip inside a stored value can change an answer without an error: then CHECK must report the
/// damage (every column of the table is covered by an index, so SQLite's integrity check sees a
/// changed value as a row that disagrees with its index entry). Damage in the WAL can also end
/// SQLite's log early (a frame whose checksum fails ends it): the database is then exactly as it
/// was at an earlier commit, which the test accepts and counts, as nothing can tell it apart.
/// </summary>
/// <remarks>60 cases in the suite, 1,000 with <c>VECSTORE_LONG=1</c>.</remarks>
public sealed class DamagedSqliteFileTests(ITestOutputHelper output)
{
    private const int Dimensions = 8;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    private static int Cases => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 1000 : 60;

    private static readonly ErrorCode[] CorruptionCodes = [ErrorCode.CorruptPage, ErrorCode.CorruptFileHeader, ErrorCode.CorruptMetadata, ErrorCode.CorruptLog];

    private static float[] Vector(int id)
    {
        var v = new float[Dimensions];
        for (int d = 0; d < v.Length; d++)
            v[d] = (float)Math.Cos(id * 0.173 + d * 1.1);
        return v;
    }

    [Fact]
    public async Task Damage_in_the_sqlite_file_and_its_wal_is_reported_or_changes_nothing()
    {
        using var dir = new TempDirectory();
        string pristine = Path.Combine(dir.Path, "pristine");
        List<string> expected;
        var earlier = new List<List<string>>();
        string live = Path.Combine(dir.Path, "live");
        Directory.CreateDirectory(live);
        using (var connection = new VecStoreConnection($"Data Source={Path.Combine(live, "d.vdb")}"))
        {
            connection.Open();
            Sql.Execute(connection, $"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, v VECTOR({Dimensions}))");
            Sql.Execute(connection, "CREATE INDEX t_name ON t (name)");
            Insert(connection, 1, 500);
            Sql.Execute(connection, "CREATE INDEX t_v ON t USING HNSW (v)");
            connection.Checkpoint();
            earlier.Add(Answers(connection));
            // Left in SQLite's WAL and the vector log: the copy below has both files to damage.
            Insert(connection, 501, 600);
            earlier.Add(Answers(connection));
            Sql.Execute(connection, "DELETE FROM t WHERE id % 17 = 0");
            expected = Answers(connection);
            CheckResults.AssertAllOk(connection, "the undamaged database");
            DatabaseFiles.CopyOpen(live, pristine);
        }
        Assert.True(File.Exists(Path.Combine(pristine, "d.vdb-wal")) && new FileInfo(Path.Combine(pristine, "d.vdb-wal")).Length > 0, "the copy has no WAL to damage");

        var random = new Random(4242);
        int exact = 0, reported = 0, changedButChecked = 0, exactButCheckReports = 0, walTailLost = 0;
        var failures = new List<string>();
        for (int c = 0; c < Cases; c++)
        {
            string work = Path.Combine(dir.Path, "case" + c);
            DatabaseFiles.Copy(pristine, work);
            string target = Path.Combine(work, random.Next(10) < 7 ? "d.vdb" : "d.vdb-wal");
            string damage = Path.GetFileName(target) + ": " + FileDamage.Apply(target, random);
            string path = Path.Combine(work, "d.vdb");

            var run = Task.Run(() => Outcome(path, expected));
            Assert.True(await Task.WhenAny(run, Task.Delay(CaseTimeout)) == run, $"case {c} ({damage}) did not finish within {CaseTimeout.TotalSeconds} s");
            switch (await run)
            {
                case Result.Exact exactResult:
                    exact++;
                    if (exactResult.CheckProblems > 0)
                        exactButCheckReports++;
                    break;
                case Result.Reported error when CorruptionCodes.Contains(error.Error.Code) && error.Error.Message.Contains("d.vdb'", StringComparison.Ordinal):
                    reported++;
                    break;
                case Result.Reported error:
                    failures.Add($"case {c} ({damage}): {error.Error.Code} {error.Error.Message}");
                    break;
                case Result.Different different when different.CheckProblems > 0:
                    changedButChecked++;
                    break;
                case Result.Different different when target.EndsWith("-wal", StringComparison.Ordinal) && earlier.Any(e => e.SequenceEqual(different.Answers)):
                    // SQLite ends the WAL at the first frame whose checksum fails: the commits
                    // after it are lost, whole, and the database is as it was at an earlier commit.
                    walTailLost++;
                    break;
                case Result.Different different:
                    failures.Add($"case {c} ({damage}): the answers changed ({different.What}) and CHECK reports every file ok");
                    break;
                case Result.Escaped escaped:
                    failures.Add($"case {c} ({damage}): {escaped.Error.GetType().Name} escaped: {escaped.Error}");
                    break;
            }
            Directory.Delete(work, recursive: true);
        }
        output.WriteLine($"{Cases} damaged SQLite files: {reported} reported as corrupt naming the file, {exact} answered exactly ({exactButCheckReports} of them with CHECK reporting the damage), {changedButChecked} answered differently without an error but reported by CHECK, {walTailLost} back at an earlier commit (a damaged WAL frame ends SQLite's log there)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private abstract record Result
    {
        public sealed record Exact(int CheckProblems) : Result;

        public sealed record Reported(VecStoreException Error) : Result;

        public sealed record Different(string What, List<string> Answers, int CheckProblems) : Result;

        public sealed record Escaped(Exception Error) : Result;
    }

    /// <summary>Opens the damaged copy, reads everything and compares; when it opens, CHECK is run too.</summary>
    private static Result Outcome(string path, List<string> expected)
    {
        try
        {
            using var connection = new VecStoreConnection($"Data Source={path};Default Timeout=2");
            connection.Open();
            var answers = Answers(connection);
            int problems = CheckProblems(connection);
            if (answers.SequenceEqual(expected))
                return new Result.Exact(problems);
            int first = 0;
            while (first < Math.Min(answers.Count, expected.Count) && answers[first] == expected[first])
                first++;
            return new Result.Different(first < Math.Min(answers.Count, expected.Count)
                ? $"'{expected[first]}' became '{answers[first]}'"
                : $"{expected.Count} answers became {answers.Count}", answers, problems);
        }
        catch (VecStoreException error)
        {
            return new Result.Reported(error);
        }
        catch (Exception error)
        {
            return new Result.Escaped(error);
        }
    }

    /// <summary>The problems CHECK reports; a corruption error raised instead counts as one.</summary>
    private static int CheckProblems(VecStoreConnection connection)
    {
        try
        {
            return CheckResults.Problems(connection).Count;
        }
        catch (VecStoreException error) when (CorruptionCodes.Contains(error.Code))
        {
            return 1;
        }
    }

    /// <summary>Every row in id order and by name, an exact search and one through the index.</summary>
    private static List<string> Answers(VecStoreConnection connection)
    {
        var answers = new List<string>();
        foreach (var sql in (string[])["SELECT id, name, v FROM t ORDER BY id", "SELECT id, name FROM t WHERE name >= 'n' ORDER BY name",
                     "SELECT id FROM t ORDER BY v <-> @q LIMIT 10 WITH (strategy = 'flat')", "SELECT id FROM t ORDER BY v <-> @q LIMIT 10"])
        {
            using var command = new VecStoreCommand(sql, connection);
            command.Parameters.AddWithValue("q", Vector(11));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (int i = 0; i < cells.Length; i++)
                    cells[i] = reader.GetValue(i) is float[] v ? string.Join(",", v) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                answers.Add(string.Join("|", cells));
            }
        }
        return answers;
    }

    private static void Insert(VecStoreConnection connection, int first, int last)
    {
        using var transaction = connection.BeginTransaction();
        for (int id = first; id <= last; id++)
            Sql.Execute(connection, "INSERT INTO t VALUES (@id, @name, @v)", transaction, ("id", id), ("name", "name " + (id * 7919 % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), ("v", Vector(id)));
        transaction.Commit();
    }
}
