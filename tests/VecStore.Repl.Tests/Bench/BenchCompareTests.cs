using System.Globalization;
using System.Text.RegularExpressions;
using VecStore.Repl.Tests.Support;
using VecStore.TestSupport;

namespace VecStore.Repl.Tests.Bench;

/// <summary><c>vecstore bench --compare</c>: ratios of QPS at equal recall against a hand-written reference file.</summary>
public sealed partial class BenchCompareTests
{
    private const string Dataset = "synth:n=2000,d=16,metric=l2,seed=7,nq=60,clusters=45";

    private static readonly string[] ReferenceLines =
    [
        Line("faiss", "IndexFlatL2", "single", 1, qps: 250, recall: 1.0),
        Line("faiss", "IndexFlatL2", "single", 2, qps: 400, recall: 1.0),          // other thread count: not compared
        Line("faiss", "IndexHNSWFlat", "single", 1, qps: 9000, recall: 0.99),      // other family: not compared
        Line("sqlite-vec", "vec0 (brute force)", "single", 1, qps: 20, recall: 0.93), // reaches 0.90 only
        Line("faiss", "IndexFlatL2", "single", 1, qps: 1, recall: 1.0).Replace(Dataset, "fashion-mnist", StringComparison.Ordinal),
        "# a comment line, skipped",
    ];

    [Fact]
    public void Compare_prints_our_QPS_over_each_same_family_reference_at_each_recall_threshold()
    {
        using var folder = new TempDirectory();
        string reference = folder.File("ref.jsonl"), json = folder.File("out.jsonl");
        File.WriteAllLines(reference, ReferenceLines);

        var (exitCode, output, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--json", json, "--compare", reference);

        Assert.True(exitCode == 0, error);
        double qps = BenchInvocation.ReadJsonLines(json)[0].GetProperty("qps").GetDouble();
        var rows = output.Split('\n').Where(l => l.StartsWith(" single |       1 | flat", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        var faiss = Cells(rows.Single(r => r.Contains("faiss IndexFlatL2", StringComparison.Ordinal)));
        Assert.All(faiss[4..], cell => AssertRatio(cell, qps, 250));
        var sqliteVec = Cells(rows.Single(r => r.Contains("sqlite-vec vec0 (brute force)", StringComparison.Ordinal)));
        AssertRatio(sqliteVec[4], qps, 20);
        Assert.Equal(["- (reference below)", "- (reference below)"], sqliteVec[5..]);
    }

    [Fact]
    public void Compare_with_a_file_for_other_datasets_says_so()
    {
        using var folder = new TempDirectory();
        string reference = folder.File("ref.jsonl");
        File.WriteAllLines(reference, [ReferenceLines[4]]);

        var (exitCode, output, _) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--compare", reference);

        Assert.Equal((0, true), (exitCode, output.Contains($"{reference} has no results for {Dataset} (it has: fashion-mnist).", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compare_with_a_line_that_is_not_a_result_is_an_error()
    {
        using var folder = new TempDirectory();
        string reference = folder.File("ref.jsonl");
        File.WriteAllLines(reference, [ReferenceLines[0], $"{{\"dataset\": \"{Dataset}\", \"index\": \"IndexFlatL2\"}}"]);

        var (exitCode, _, error) = BenchInvocation.Run("--data", folder.Path, "--dataset", BenchInvocation.TinyDataset, "--compare", reference);

        Assert.Equal((1, true), (exitCode, error.Contains($"\nError: --compare {reference}, line 2: not a result line", StringComparison.Ordinal)));
    }

    private static string Line(string library, string index, string mode, int threads, double qps, double recall) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"library\": \"{library}\", \"library_version\": \"1\", \"index\": \"{index}\", \"params\": {{}}, \"build_s\": 1.0, \"mem_mb\": 1.0, \"mode\": \"{mode}\", \"threads\": {threads}, \"nq\": 60, \"qps\": {qps}, \"recall_at_10\": {recall}, \"mean_latency_ms\": null, \"p99_latency_ms\": null, \"dataset\": \"{Dataset}\", \"metric\": \"l2\", \"n\": 2000, \"d\": 16}}");

    private static string[] Cells(string row) => [.. row.Split('|').Select(c => c.Trim())];

    // "12.10x (3025 / 250)": the ratio of our QPS (rounded to 2 decimals in the JSON) to theirs.
    private static void AssertRatio(string cell, double ours, double theirs)
    {
        var match = RatioPattern().Match(cell);
        Assert.True(match.Success, cell);
        double ratio = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(ratio, ours / theirs - 0.011, ours / theirs + 0.011);
        Assert.Equal(theirs.ToString(theirs >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    [GeneratedRegex(@"^(\d+\.\d\d)x \([\d.]+ / ([\d.]+)\)$")]
    private static partial Regex RatioPattern();
}
