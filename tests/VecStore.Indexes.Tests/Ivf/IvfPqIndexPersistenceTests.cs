using VecStore.Indexes.Distance;
using VecStore.Indexes.Ivf;
using VecStore.Indexes.Tests.Hnsw;
using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Ivf;

/// <summary>Save and Load of an IVFPQ index: round trips without retraining, damaged files rejected with the file named.</summary>
public sealed class IvfPqIndexPersistenceTests
{
    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.Cosine)]
    public void Load_gives_identical_search_results(Metric metric)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.ivfpq");
        HnswTestSet set = HnswTestSet.Create(60, VectorElement.Float32, metric, count: 1500);
        using IvfPqIndex saved = IvfPqIndexTests.Build(set);
        saved.Remove(3);
        saved.Remove(4);
        saved.Save(path, stamp: 77);

        using IvfPqIndex loaded = IvfPqIndex.Load(path, out long stamp);

        Assert.Equal(77, stamp);
        Assert.True(loaded.IsTrained);
        Assert.Equal(saved.Count, loaded.Count);
        Assert.Equal(saved.DeletedCount, loaded.DeletedCount);
        Assert.Equal(saved.Options with { MaxThreads = loaded.Options.MaxThreads }, loaded.Options);
        Assert.Equal(saved.GetVectorData(10).ToArray(), loaded.GetVectorData(10).ToArray());
        var a = new Neighbor[10];
        var b = new Neighbor[10];
        foreach (float[] query in set.Queries)
        {
            Assert.Equal(saved.Search(query, default(AcceptAll), a, new IvfSearchOptions(4)), loaded.Search(query, default(AcceptAll), b, new IvfSearchOptions(4)));
            Assert.Equal(a, b);
        }

        // Adds after a load are coded with the loaded centroids and codebooks.
        loaded.Add(5000, set.Encode(set.Queries[0]));
        loaded.Search(set.Queries[0], default(AcceptAll), a);
        Assert.Equal(new Neighbor(5000, 0f), a[0]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void An_index_without_vectors_saves_only_codes_and_loads_as_such()
    {
        using var folder = new TempDirectory();
        string withPath = folder.File("with.ivfpq");
        string withoutPath = folder.File("without.ivfpq");
        HnswTestSet set = HnswTestSet.Create(62, VectorElement.Float32, Metric.L2, count: 1500);
        using IvfPqIndex with = IvfPqIndexTests.Build(set);
        using IvfPqIndex without = IvfPqIndexTests.Build(set, storesVectors: false);
        without.Remove(3);
        with.Save(withPath, 1);
        without.Save(withoutPath, 2);

        using IvfPqIndex loaded = IvfPqIndex.Load(withoutPath, out long stamp);

        Assert.Equal(2, stamp);
        Assert.False(loaded.StoresVectors);
        Assert.True(IvfPqIndex.Load(withPath, out _).StoresVectors);
        // Header, centroids, codebooks, list counts and checksum; then per vector its code, id and tombstone bit, per list at most 15 bytes of rounding.
        const int Lists = IvfPqIndexTests.Lists, M = 8;
        long fixedBytes = 72 + ((Lists + 256L) * set.Dimensions * sizeof(float)) + (Lists * sizeof(int)) + 8;
        Assert.InRange(new FileInfo(withoutPath).Length, fixedBytes + (set.Count * (M + 8L)), fixedBytes + (set.Count * (M + 9L)) + (Lists * 15));
        Assert.True(new FileInfo(withPath).Length - new FileInfo(withoutPath).Length >= set.VectorBytes * (long)set.Count);
        Assert.Equal(without.Count, loaded.Count);
        Assert.Equal(1, loaded.DeletedCount);
        Assert.True(loaded.Holds(10, set.Stored(10)));
        SameAnswers.Check(without, loaded, set, 4, default(AcceptAll), set.Source());
    }

    [Fact]
    public void A_version_1_file_is_rejected_naming_the_file_and_its_version()
    {
        string path = Fixtures.PathOf("ivfpq-v1.ivfpq");

        var error = Assert.Throws<InvalidDataException>(() => IvfPqIndex.Load(path, out _));

        Assert.Equal($"'{path}' is an IVFPQ index file of format version 1; this build reads version 2.", error.Message);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("extend")]
    [InlineData("magic")]
    [InlineData("ivf")]
    public void Damaged_files_are_rejected_naming_the_file(string damage)
    {
        using var folder = new TempDirectory();
        string path = folder.File("index.ivfpq");
        HnswTestSet set = HnswTestSet.Create(61, VectorElement.Float32, Metric.L2, count: 600);
        using (IvfPqIndex index = IvfPqIndexTests.Build(set))
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
            case "ivf":
                // A plain IVF file is not an IVFPQ file.
                "VSIVF001"u8.CopyTo(bytes);
                break;
            default:
                bytes[0] = (byte)'X';
                break;
        }

        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => IvfPqIndex.Load(path, out _));
        Assert.Contains(path, error.Message);
    }
}
