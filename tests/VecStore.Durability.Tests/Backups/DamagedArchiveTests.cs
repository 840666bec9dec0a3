using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests.Backups;

/// <summary>A damaged, truncated or foreign archive is refused with CorruptArchive naming the file, and the database it was to be restored into is left empty and usable.</summary>
/// <remarks>60 seeded cases in the suite, 600 with <c>VECSTORE_LONG=1</c>.</remarks>
public sealed class DamagedArchiveTests(ITestOutputHelper output)
{
    private static int Cases => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 600 : 60;

    [Fact]
    public void Every_bit_flip_truncation_and_zeroed_range_is_refused_before_anything_changes()
    {
        using var dir = new TempDirectory();
        string pristine = dir.File("pristine.vdbz");
        using (var source = Open(dir.File("source.vdb")))
        {
            SampleDatabase.Fill(source, 150, seed: 21);
            source.Checkpoint();
            SampleDatabase.Row(source, $"BACKUP TO '{pristine}'");
        }
        var bytes = File.ReadAllBytes(pristine);
        var random = new Random(4242);
        // One target for every case: each refused restore must leave it empty for the next.
        using var target = Open(dir.File("target.vdb"));
        var kinds = new Dictionary<string, int>();
        for (int c = 0; c < Cases; c++)
        {
            var damaged = (byte[])bytes.Clone();
            string kind;
            switch (random.Next(4))
            {
                case 0:
                {
                    int at = random.Next(damaged.Length);
                    damaged[at] ^= (byte)(1 << random.Next(8));
                    kind = "bit flip";
                    break;
                }
                case 1:
                    Array.Resize(ref damaged, random.Next(damaged.Length));
                    kind = "truncation";
                    break;
                case 2:
                {
                    int at = random.Next(damaged.Length), count = Math.Min(64, damaged.Length - at);
                    var before = damaged.AsSpan(at, count).ToArray();
                    damaged.AsSpan(at, count).Clear();
                    if (before.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                        damaged[at] = 1;
                    kind = "zeroed range";
                    break;
                }
                default:
                    Array.Resize(ref damaged, damaged.Length + 1 + random.Next(100));
                    kind = "trailing bytes";
                    break;
            }
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            string archive = dir.File($"case{c}.vdbz");
            File.WriteAllBytes(archive, damaged);
            AssertRefused(target, dir.File("target.vdb"), archive, $"case {c} ({kind})");
            File.Delete(archive);
        }
        Sql.Execute(target, "CREATE TABLE ok (id INTEGER)");
        output.WriteLine($"{Cases} damaged archives refused: " + string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}")));
    }

    [Fact]
    public void Files_that_are_not_archives_are_refused()
    {
        using var dir = new TempDirectory();
        string empty = dir.File("empty.vdbz"), text = dir.File("text.vdbz"), database = dir.File("db.vdb");
        File.WriteAllBytes(empty, []);
        File.WriteAllText(text, "BACKUP TO 'x' is not an archive\n");
        using (var source = Open(database))
            SampleDatabase.Fill(source, 20, seed: 22);
        string targetPath = dir.File("target.vdb");
        using var target = Open(targetPath);
        AssertRefused(target, targetPath, empty, "an empty file");
        AssertRefused(target, targetPath, text, "a text file");
        AssertRefused(target, targetPath, database, "a VecStore database file");
        AssertRefused(target, targetPath, database + "-vectors", "a vector file");
    }

    [Fact]
    public void An_archive_whose_image_holds_a_trigger_is_refused()
    {
        // Well-formed checksums do not make an archive trustworthy: SQL hidden in its schema must never run here.
        using var dir = new TempDirectory();
        string original = dir.File("original.vdbz"), forged = dir.File("forged.vdbz");
        using (var source = Open(dir.File("source.vdb")))
        {
            SampleDatabase.Fill(source, 20, seed: 23);
            SampleDatabase.Row(source, $"BACKUP TO '{original}'");
        }
        string image = dir.File("image.db"), vectors = dir.File("image.vectors");
        long snapshot;
        using (var reader = Storage.Backup.ArchiveReader.Open(original, original))
        {
            reader.Extract(reader.Entry("database"), image);
            reader.Extract(reader.Entry("vectors"), vectors);
            snapshot = reader.SnapshotLsn;
        }
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={image};Pooling=False"))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = "CREATE TRIGGER evil AFTER INSERT ON _vs_stats BEGIN DELETE FROM _vs_tables; END";
            command.ExecuteNonQuery();
        }
        using (var file = new FileStream(forged, FileMode.CreateNew, FileAccess.ReadWrite))
        using (var writer = Storage.Backup.ArchiveWriter.Create(file))
        {
            writer.Add("database", raw => { using var f = File.OpenRead(image); f.CopyTo(raw); });
            writer.Add("vectors", raw => { using var f = File.OpenRead(vectors); f.CopyTo(raw); });
            writer.Finish(snapshot);
        }
        string targetPath = dir.File("target.vdb");
        using var target = Open(targetPath);
        AssertRefused(target, targetPath, forged, "an image with a trigger");
    }

    private static void AssertRefused(VecStoreConnection connection, string target, string archive, string what)
    {
        var error = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(connection, $"RESTORE FROM '{archive}'"));
        Assert.True(error.Code == ErrorCode.CorruptArchive, $"{what}: {error.Code} {error.Message}");
        Assert.Contains(Path.GetFileName(archive), error.Message, StringComparison.Ordinal);
        // The error points at the path's literal: RESTORE FROM '...' starts it at column 14.
        Assert.Equal(1, error.Line);
        Assert.Equal(14, error.Column);
        // Nothing changed: the target is still an empty, working database, and no staged file is left.
        Assert.Empty(connection.GetTables());
        Assert.False(File.Exists(target + ".restoring"), what + ": a staged file was left");
        Assert.False(File.Exists(target + ".restoring-ready"), what + ": the restore committed");
    }

    private static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }
}
