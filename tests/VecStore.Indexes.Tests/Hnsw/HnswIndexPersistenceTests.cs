using VecStore.Indexes.Distance;
using VecStore.Indexes.Hnsw;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Hnsw;

/// <summary>Save and Load: round trips, atomic replacement, and damaged files rejected with the file named.</summary>
public sealed class HnswIndexPersistenceTests
{
    [Theory]
    [InlineData(VectorElement.Float32, Metric.L2, false)]
    [InlineData(VectorElement.Float32, Metric.Cosine, false)]
    [InlineData(VectorElement.Float16, Metric.Cosine, false)]
    [InlineData(VectorElement.Bit, Metric.Hamming, false)]
    [InlineData(VectorElement.Float32, Metric.L2, true)]
    [InlineData(VectorElement.Float32, Metric.Cosine, true)]
    public void Load_gives_identical_search_results(VectorElement element, Metric metric, bool inPlace)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.hnsw");
        HnswTestSet set = HnswTestSet.Create(700, element, metric, count: 1500);
        using HnswIndex saved = set.Build();
        saved.Remove(3);
        saved.Remove(4);
        saved.Save(path, stamp: 1234);

        // In place: the records stay in the file's mapping, as for graphs past the copy limit.
        using HnswIndex loaded = HnswIndex.Load(path, out long stamp, copyLimit: inPlace ? 0 : long.MaxValue);

        Assert.Equal(1234, stamp);
        Assert.Equal(saved.Count, loaded.Count);
        Assert.Equal(saved.DeletedCount, loaded.DeletedCount);
        // The thread limit belongs to the process, not the file.
        Assert.Equal(saved.Options with { MaxThreads = loaded.Options.MaxThreads }, loaded.Options);
        var a = new Neighbor[10];
        var b = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            Assert.Equal(saved.Search(query, default(AcceptAll), a), loaded.Search(query, default(AcceptAll), b));
            Assert.Equal(a, b);
        }

        loaded.Add(10_000, set.Stored(0));
        Assert.True(loaded.Contains(10_000));
        // Links change in the loaded records (copied, or private pages of the mapping).
        Assert.True(loaded.Remove(5));
        Assert.Equal(saved.Count, loaded.Count);
        foreach (float[] query in set.Queries)
        {
            int found = loaded.Search(query, default(AcceptAll), b);
            Assert.DoesNotContain(b.AsSpan(0, found).ToArray(), n => n.Id == 5);
        }
    }

    [Fact]
    public void Save_replaces_the_file_and_ignores_a_leftover_temporary()
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.hnsw");
        string leftover = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(leftover, "left over by a crash of a process with this id");
        HnswTestSet set = HnswTestSet.Create(701, VectorElement.Float32, Metric.L2, count: 100);
        using HnswIndex index = set.Build();
        index.Save(path, 1);
        index.Add(5000, set.Stored(1));

        index.Save(path, 2);

        using HnswIndex loaded = HnswIndex.Load(path, out long stamp);
        Assert.Equal(2, stamp);
        Assert.Equal(101, loaded.Count);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Empty_index_round_trips()
    {
        using var folder = new TempDirectory();
        string path = folder.File("empty.hnsw");
        using var index = new HnswIndex(VectorElement.Float32, 3, Metric.L2, new HnswOptions { M = 8 });
        index.Save(path, 0);

        using HnswIndex loaded = HnswIndex.Load(path, out _);

        Assert.Equal(0, loaded.Count);
        Assert.Equal(0, loaded.Search([1f, 2f, 3f], default(AcceptAll), new Neighbor[2]));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("magic")]
    [InlineData("longer")]
    public void Load_rejects_a_damaged_file_naming_it(string damage)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.hnsw");
        using (HnswIndex index = HnswTestSet.Create(702, VectorElement.Float32, Metric.L2, count: 300).Build())
        {
            index.Save(path, 9);
        }

        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                bytes = bytes[..(bytes.Length - 100)];
                break;
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x10;
                break;
            case "magic":
                bytes[0] = (byte)'X';
                break;
            default:
                bytes = [.. bytes, 0];
                break;
        }

        File.WriteAllBytes(path, bytes);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => HnswIndex.Load(path, out _));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Load_of_a_missing_file_throws_file_not_found()
    {
        using var folder = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => HnswIndex.Load(folder.File("absent.hnsw"), out _));
    }
}
