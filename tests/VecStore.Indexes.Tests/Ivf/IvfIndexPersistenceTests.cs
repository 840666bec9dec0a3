using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>Save and Load of an IVF index: round trips without retraining, damaged files rejected with the file named.</summary>
public sealed class IvfIndexPersistenceTests
{
    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    public void Load_gives_identical_search_results(Metric metric)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.ivf");
        HnswTestSet set = HnswTestSet.Create(30, VectorElement.Float32, metric, count: 1500);
        using IvfIndex saved = IvfIndexTests.Build(set);
        saved.Remove(3);
        saved.Remove(4);
        saved.Save(path, stamp: 77);

        using IvfIndex loaded = IvfIndex.Load(path, out long stamp);

        Assert.Equal(77, stamp);
        Assert.True(loaded.IsTrained);
        Assert.Equal(saved.Count, loaded.Count);
        Assert.Equal(saved.DeletedCount, loaded.DeletedCount);
        Assert.Equal(saved.Options with { MaxThreads = loaded.Options.MaxThreads }, loaded.Options);
        var a = new Neighbor[10];
        var b = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            Assert.Equal(saved.Search(query, default(AcceptAll), a, new IvfSearchOptions(4)), loaded.Search(query, default(AcceptAll), b, new IvfSearchOptions(4)));
            Assert.Equal(a, b);
        }

        // Adds after a load go to the same lists as before it.
        loaded.Add(5000, set.Encode(set.Queries[0]));
        loaded.Search(set.Queries[0], default(AcceptAll), a);
        Assert.Equal(new Neighbor(5000, 0f), a[0]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("extend")]
    [InlineData("magic")]
    public void Damaged_files_are_rejected_naming_the_file(string damage)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.ivf");
        HnswTestSet set = HnswTestSet.Create(31, VectorElement.Float32, Metric.L2, count: 600);
        using (IvfIndex index = IvfIndexTests.Build(set))
        {
            index.Save(path, 1);
        }

        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x10;
                break;
            case "truncate":
                Array.Resize(ref bytes, bytes.Length - 100);
                break;
            case "extend":
                Array.Resize(ref bytes, bytes.Length + 8);
                break;
            default:
                bytes[0] = (byte)'X';
                break;
        }

        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => IvfIndex.Load(path, out _));
        Assert.Contains(path, error.Message);
    }
}
