using System.Text.Json;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary><c>vecstore bench</c> on a tiny generated dataset: the JSON lines carry reference.py's fields, and the exact scan finds every neighbour.</summary>
public sealed class BenchJsonLinesTests
{
    private static readonly string[] ReferenceFields =
    [
        "library", "library_version", "index", "dataset", "metric", "n", "d", "params", "mode", "threads", "nq",
        "build_s", "mem_mb", "open_s", "qps", "mean_latency_ms", "p99_latency_ms", "recall_at_10", "cpu", "cores", "date",
    ];

    [Fact]
    public void Single_mode_writes_every_reference_field_and_flat_recall_is_one()
    {
        using var folder = new TempDirectory();
        string json = folder.File("out.jsonl");

        var (exitCode, output, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--index", "flat", "--json", json);

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(BenchInvocation.ReadJsonLines(json));
        Assert.Equal([], ReferenceFields.Where(f => !line.TryGetProperty(f, out _)).ToArray());
        Assert.Equal(
            ("vecstore", "flat", "synth:n=2000,d=16,metric=l2,seed=7,nq=60,clusters=45", "l2", 2000, 16, "single", 1, 60, 1.0),
            (line.GetProperty("library").GetString(), line.GetProperty("index").GetString(), line.GetProperty("dataset").GetString(),
             line.GetProperty("metric").GetString(), line.GetProperty("n").GetInt32(), line.GetProperty("d").GetInt32(),
             line.GetProperty("mode").GetString(), line.GetProperty("threads").GetInt32(), line.GetProperty("nq").GetInt32(),
             line.GetProperty("recall_at_10").GetDouble()));
        Assert.True(line.GetProperty("qps").GetDouble() > 0 && line.GetProperty("p99_latency_ms").GetDouble() > 0 && line.GetProperty("mean_latency_ms").GetDouble() > 0, output);
        Assert.Equal(JsonValueKind.Object, line.GetProperty("params").ValueKind);
        Assert.True(line.GetProperty("db_files_mb").GetDouble() >= line.GetProperty("mem_mb").GetDouble() && line.GetProperty("mem_mb").GetDouble() > 0);
        Assert.Contains(" single |       1 | -             |      60 |    1.0000 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_mode_runs_every_query_through_one_batch_with_the_threads_given()
    {
        using var folder = new TempDirectory();
        string json = folder.File("out.jsonl");

        var (exitCode, _, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--batch", "--threads", "2", "--json", json);

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(BenchInvocation.ReadJsonLines(json));
        Assert.Equal(("batch", 2, 60, 1.0, JsonValueKind.Null, JsonValueKind.Null),
            (line.GetProperty("mode").GetString(), line.GetProperty("threads").GetInt32(), line.GetProperty("nq").GetInt32(),
             line.GetProperty("recall_at_10").GetDouble(), line.GetProperty("mean_latency_ms").ValueKind, line.GetProperty("p99_latency_ms").ValueKind));
    }

    [Fact]
    public void Cosine_data_is_searched_by_its_metric_with_recall_one()
    {
        using var folder = new TempDirectory();
        string json = folder.File("out.jsonl");

        var (exitCode, _, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", "synth:n=1500,d=24,metric=cosine,nq=40", "--json", json);

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(BenchInvocation.ReadJsonLines(json));
        Assert.Equal(("cosine", 1.0), (line.GetProperty("metric").GetString(), line.GetProperty("recall_at_10").GetDouble()));
    }

    [Fact]
    public void A_second_run_on_the_same_db_reuses_it_and_reports_the_first_build_time()
    {
        using var folder = new TempDirectory();
        string json = folder.File("out.jsonl");
        string[] arguments = ["--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--db", folder.File("b.vdb"), "--json", json];

        BenchInvocation.Run(arguments);
        var (exitCode, _, error) = BenchInvocation.Run(arguments);

        Assert.True(exitCode == 0, error);
        var lines = BenchInvocation.ReadJsonLines(json);
        Assert.Equal((false, true, lines[0].GetProperty("build_s").GetDouble(), false),
            (lines[0].GetProperty("reused_db").GetBoolean(), lines[1].GetProperty("reused_db").GetBoolean(),
             lines[1].GetProperty("build_s").GetDouble(), lines[1].TryGetProperty("rss_delta_mb", out _)));
    }

    [Fact]
    public void A_db_holding_another_dataset_is_not_reused()
    {
        using var folder = new TempDirectory();
        string db = folder.File("b.vdb");
        BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--db", db);

        var (exitCode, _, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", "synth:n=1000,d=16,nq=20", "--db", db);

        Assert.Equal((1, true), (exitCode, error.Contains($"Error: --db {db} holds synth:n=2000,d=16,", StringComparison.Ordinal)));
    }
}
