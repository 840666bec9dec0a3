using System.Globalization;
using System.Text;
using VecStore.Repl.Import;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Repl.Tests.Import;

/// <summary>
/// Mutation fuzzing of every format <c>.import</c> reads (.fvecs, .npy, CSV, JSON lines): valid
/// files with bits flipped, bytes inserted, ranges zeroed or repeated, cut off, or replaced by
/// random bytes, fed to the real readers and through the real <c>.import</c> command.
/// </summary>
/// <remarks>
/// Invariants: the readers throw only <see cref="ImportException"/> (a problem in the file, which
/// the shell prints as "cannot import ...; nothing was imported") or <see cref="VecStoreException"/>
/// (a value the table refuses); <c>.import</c> never lets an exception escape, and a failed import
/// leaves the table exactly as it was.
/// </remarks>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Formats = [".fvecs", ".npy", ".csv", ".jsonl"];

    [Fact]
    public void Mutated_import_files_fail_only_with_import_or_VecStore_errors_and_change_nothing()
    {
        int imported = 0, refused = 0;
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int cases = FuzzRun.ForEach(nameof(Mutated_import_files_fail_only_with_import_or_VecStore_errors_and_change_nothing), suite: 300, longMode: 30_000, fixedSeed: 70_000, random =>
        {
            using var fixture = new ImportFixture("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(3), name TEXT)");
            string format = Formats[random.Next(Formats.Length)];
            string path = fixture.File("f" + format);
            File.WriteAllBytes(path, Mutate(random, ValidFile(random, format)));
            string columns = format is ".fvecs" or ".npy" ? " (id, v)" : "";
            string before = fixture.Session.Dump("t");

            // The readers themselves, as .import drives them.
            try
            {
                var table = TargetTable.Read(fixture.Session.Connection, "t")!;
                using var reader = ImportReaders.Open(path, table, columns.Length == 0 ? null : ["id", "v"]);
                using var transaction = fixture.Session.Connection.BeginTransaction();
                new VecStoreBulkInsert(fixture.Session.Connection, table.Name, reader.Columns).Write(reader.Rows());
                transaction.Rollback();
            }
            catch (ImportException exception)
            {
                failures[Kind(exception.Message)] = failures.GetValueOrDefault(Kind(exception.Message)) + 1;
            }
            catch (VecStoreException exception)
            {
                failures[exception.CodeName] = failures.GetValueOrDefault(exception.CodeName) + 1;
            }
            catch (Exception other)
            {
                throw new Xunit.Sdk.XunitException($"{other.GetType().Name} escaped from the {format} reader\n{other}");
            }

            // The command: an error line, or rows imported; never an escaping exception or a half import.
            var (ok, _, error, after) = fixture.Import($"{path} INTO t{columns}");
            if (ok)
            {
                imported++;
                // Rows are only added: every row that was there still is.
                Assert.All(before.Split('\n', StringSplitOptions.RemoveEmptyEntries), row => Assert.Contains(row + "\n", after, StringComparison.Ordinal));
            }
            else
            {
                refused++;
                Assert.Contains("cannot import", error, StringComparison.Ordinal);
                Assert.Contains("nothing was imported", error, StringComparison.Ordinal);
                Assert.Equal(before, after);
            }
        });
        output.WriteLine($"{cases} mutated files: {imported} imported, {refused} refused; reader errors: " + string.Join(", ", failures.Select(f => $"{f.Key} {f.Value}")));
        Assert.True(imported > 0 && refused > cases / 4, "the mutations no longer reach both outcomes");
    }

    /// <summary>A small valid file of the format for table t (id, v VECTOR(3), name).</summary>
    private static byte[] ValidFile(Random random, string format)
    {
        int rows = random.Next(1, 6);
        var vectors = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, 3).Select(_ => (float)Math.Round(random.NextDouble(), 3)).ToArray()).ToArray();
        string Vector(float[] v) => "[" + string.Join(", ", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        switch (format)
        {
            case ".fvecs":
            {
                var bytes = new List<byte>();
                foreach (var v in vectors)
                {
                    bytes.AddRange(BitConverter.GetBytes(v.Length));
                    foreach (float x in v)
                        bytes.AddRange(BitConverter.GetBytes(x));
                }
                return [.. bytes];
            }
            case ".npy":
            {
                using var dir = new TempDirectory();
                string path = dir.File("a.npy");
                TestFiles.WriteNpy(path, vectors, asDouble: random.Next(2) == 0);
                return File.ReadAllBytes(path);
            }
            case ".csv":
                return Encoding.UTF8.GetBytes("id,v,name\n" + string.Concat(vectors.Select((v, i) => $"{i},\"{Vector(v)}\",\"n,{i}\"\n")));
            default:
                return Encoding.UTF8.GetBytes(string.Concat(vectors.Select((v, i) => $"{{\"id\": {i}, \"v\": {Vector(v)}, \"name\": \"n{i}\"}}\n")));
        }
    }

    /// <summary>One to three of: a bit flipped, random bytes inserted, a range zeroed or repeated, the file cut off; or all random bytes.</summary>
    private static byte[] Mutate(Random random, byte[] valid)
    {
        if (random.Next(12) == 0)
        {
            var noise = new byte[random.Next(0, 200)];
            random.NextBytes(noise);
            return noise;
        }
        var bytes = new List<byte>(valid);
        for (int edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            int length = Math.Min(random.Next(1, 9), bytes.Count - at);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    var inserted = new byte[random.Next(1, 6)];
                    random.NextBytes(inserted);
                    bytes.InsertRange(at, inserted);
                    break;
                case 2:
                    for (int i = at; i < at + length; i++)
                        bytes[i] = 0;
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // A text format's characters that matter most: quotes, brackets, separators, huge numbers.
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "\"", "[", "]", ",", "\n", "{", "}", "1e999", "-0", "NaN", "99999999999999999999", "\u00e9", "\0" }[random.Next(13)]));
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>The kind of an import error, for the summary: its text up to the first digit or quote.</summary>
    private static string Kind(string message)
    {
        int cut = message.IndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '\'', '"']);
        return "import: " + (cut < 0 ? message : message[..cut]).Trim();
    }
}
