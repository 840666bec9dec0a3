using Dapper;

namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>Long statements report real progress through <see cref="VecStoreCommand.Progress"/>: every stage with its total, the work done moving up to it.</summary>
public sealed class StatementProgressTests
{
    [Fact]
    public void An_HNSW_build_reports_the_vectors_linked_out_of_all_of_them()
    {
        using var db = new CancellationDatabase(rows: 9000, dimensions: 4);
        var progress = new ProgressTrigger("", () => { });
        db.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 4, ef_construction = 8)", progress);

        // The build links every vector but the sample held out to tune the default breadth, which is added after tuning.
        const int linked = 9000 - VecStore.Storage.Indexing.BreadthTuner.SampleQueries;
        var linking = progress.Reports.Where(r => r.Stage == "linking vectors into the graph").ToList();
        Assert.All(linking, r => Assert.Equal(linked, r.Total));
        Assert.Equal(0, linking[0].Done);
        Assert.Contains(linking, r => r.Done is > 0 and < linked);
        Assert.Equal(linked, linking.Max(r => r.Done));
        Assert.Equal(["linking vectors into the graph", "tuning the default search breadth", "writing the index file"], Stages(progress));
    }

    [Fact]
    public void An_IVFPQ_build_reports_sampling_k_means_iterations_codebooks_and_adding()
    {
        using var db = new CancellationDatabase(rows: 1200, dimensions: 8);
        var progress = new ProgressTrigger("", () => { });
        db.Execute("CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = 8, m = 2)", progress);

        Assert.Equal(["drawing a training sample", "training the centroids (k-means iterations)", "training the product quantizer (k-means iterations)",
            "assigning vectors to lists", "tuning the default search breadth", "writing the index file"], Stages(progress));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), progress.Reports.Where(r => r.Stage.StartsWith("training the centroids", StringComparison.Ordinal)).Select(r => r.Done));
        Assert.All(progress.Reports.Where(r => r.Stage.StartsWith("training the centroids", StringComparison.Ordinal)), r => Assert.Equal(10, r.Total));
        var codebooks = progress.Reports.Where(r => r.Stage.StartsWith("training the product quantizer", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (long)i), codebooks.Select(r => r.Done));
        Assert.All(codebooks, r => Assert.Equal(20, r.Total));
    }

    [Fact]
    public void VACUUM_and_BACKUP_report_their_stages_and_a_Dapper_connection_gets_them_too()
    {
        using var db = new CancellationDatabase(rows: 3000, dimensions: 16, pageSize: 65536);
        db.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)");
        db.Execute("DELETE FROM t WHERE tag <> 3");
        var progress = new ProgressTrigger("", () => { });
        db.Connection.Progress = progress;
        db.Connection.Execute("VACUUM");
        db.Connection.Execute($"BACKUP TO '{Path.Combine(db.Folder, "b.vdbz")}'");

        Assert.Equal(["renumbering vector slots (columns)", "checkpointing", "finding the vector pages in use", "rewriting the vector file (pages)",
            "compacting vector indexes", "compacting the SQLite file", "copying the SQLite file (pages)", "compressing the SQLite file (bytes)",
            "compressing the vector file (pages)"], Stages(progress));
        Assert.All(progress.Reports, r => Assert.InRange(r.Done, 0, r.Total > 0 ? r.Total : long.MaxValue));
        var copied = progress.Reports.Last(r => r.Stage.StartsWith("copying the SQLite file", StringComparison.Ordinal));
        Assert.True(copied.Total > 0 && copied.Done == copied.Total, $"the SQLite copy ended at {copied}");
    }

    private static List<string> Stages(ProgressTrigger progress)
    {
        var stages = new List<string>();
        foreach (var report in progress.Reports)
            if (stages.Count == 0 || stages[^1] != report.Stage)
                stages.Add(report.Stage);
        return stages;
    }
}
