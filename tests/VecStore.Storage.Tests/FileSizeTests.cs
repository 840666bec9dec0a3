using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>After a checkpoint the files hold the vectors once: the log's pages are returned and the vector file keeps only pages in use.</summary>
public sealed class FileSizeTests
{
    [Fact]
    public void Checkpoint_returns_the_log_space_and_trims_the_vector_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("size.vdb");
        const int rows = 20_000, dims = 64;
        using var session = StorageFixture.Open(path, checkpointBytes: long.MaxValue);
        var table = StorageFixture.CreateDocs(session, dims);
        StorageFixture.Write(session, _ => session.Insert(table, RecoveryTests.Rows(1, rows, dims, seed: 1)));
        long vectorBytes = (long)rows * dims * sizeof(float);
        Assert.True(new FileInfo(path).Length + new FileInfo(path + "-wal").Length > vectorBytes, "the log holds the vectors before the checkpoint");

        session.Checkpoint();

        long sqlite = new FileInfo(path).Length;
        long vectors = new FileInfo(path + "-vectors").Length;
        Assert.True(sqlite < vectorBytes / 4, $"the SQLite file kept {sqlite:N0} bytes after the log was trimmed");
        int pageSize = Storage.DatabaseOptions.DefaultPageSize;
        var layout = Pages.SlotLayout.For(VecStore.Indexes.VectorElement.Float32, dims, pageSize);
        long pagesNeeded = 1 + (rows + layout.Capacity - 1) / layout.Capacity;
        Assert.Equal(pagesNeeded * pageSize, vectors);
    }
}
